package io.securitycoach.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One vendor event in the common schema (aligned with OCSF categories), plus what the pipeline adds
 * after normalization: the resolved user and their directory attributes.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so that state and network serialization never
 * falls back to Kryo. JSON names are snake_case; they are the names rule authors see in CEL ({@code
 * event.url_category}), defined once in {@link EventSchema}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecurityEvent {
    public String orgId;

    /** Stable id: the vendor's own id, else a hash of the raw record. */
    public String eventUid;

    public String vendor;
    public String product;

    /** Short class name rules filter on: auth, web, endpoint, email, dlp. */
    @JsonProperty("class")
    public String eventClass;

    /** OCSF class_uid, e.g. 3002 Authentication, 4002 HTTP Activity. */
    public int classUid;

    public String category;

    /** Vendor activity, e.g. Okta's eventType or the HTTP method. */
    public String activity;

    /** allowed, blocked, or unknown. */
    public String action;

    /** success, failure, or unknown. */
    public String outcome;

    /** info, low, medium, high, critical. */
    public String severity;

    /** Vendor event time, epoch milliseconds. */
    public long eventTime;

    /** When the pipeline read the record, epoch milliseconds. */
    public long ingestTime;

    public String message;

    public String actorEmail;
    public String actorUserName;
    public String actorDomain;
    public String actorHost;
    public String actorIp;

    /**
     * A person's display name ("Alice Martin"): kept apart from user names, never used to resolve
     * identity (not unique).
     */
    public String actorDisplayName;

    public String url;
    public String urlHost;
    public String urlCategory;
    public String app;
    public String threatName;
    public String fileName;
    public String fileType;
    public String fileHash;
    public String processName;
    public String commandLine;

    /**
     * MITRE ATT&CK tactic and technique of an endpoint detection, e.g. "Credential Access",
     * "T1003".
     */
    public String mitreTactic;

    public String mitreTechnique;
    public String emailSender;
    public String emailSubject;
    public String dlpProfile;

    /** Vendor fields without a place in the schema, flattened to dotted keys. */
    public RawFields raw = new RawFields();

    /** The identity the resolver looked up (lower-cased email or user name). */
    public String identityKey;

    /** Canonical directory user id, null while or when unresolved. */
    public String userId;

    /** resolved, late (held for the directory, then resolved) or unresolved. */
    public String resolution;

    /** Directory attributes, null when the user is unknown. */
    public UserProfile user;

    public SecurityEvent() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof SecurityEvent)) return false;
        SecurityEvent e = (SecurityEvent) o;
        return classUid == e.classUid
                && eventTime == e.eventTime
                && ingestTime == e.ingestTime
                && Objects.equals(orgId, e.orgId)
                && Objects.equals(eventUid, e.eventUid)
                && Objects.equals(vendor, e.vendor)
                && Objects.equals(product, e.product)
                && Objects.equals(eventClass, e.eventClass)
                && Objects.equals(category, e.category)
                && Objects.equals(activity, e.activity)
                && Objects.equals(action, e.action)
                && Objects.equals(outcome, e.outcome)
                && Objects.equals(severity, e.severity)
                && Objects.equals(message, e.message)
                && Objects.equals(actorEmail, e.actorEmail)
                && Objects.equals(actorUserName, e.actorUserName)
                && Objects.equals(actorDomain, e.actorDomain)
                && Objects.equals(actorHost, e.actorHost)
                && Objects.equals(actorIp, e.actorIp)
                && Objects.equals(actorDisplayName, e.actorDisplayName)
                && Objects.equals(url, e.url)
                && Objects.equals(urlHost, e.urlHost)
                && Objects.equals(urlCategory, e.urlCategory)
                && Objects.equals(app, e.app)
                && Objects.equals(threatName, e.threatName)
                && Objects.equals(fileName, e.fileName)
                && Objects.equals(fileType, e.fileType)
                && Objects.equals(fileHash, e.fileHash)
                && Objects.equals(processName, e.processName)
                && Objects.equals(commandLine, e.commandLine)
                && Objects.equals(mitreTactic, e.mitreTactic)
                && Objects.equals(mitreTechnique, e.mitreTechnique)
                && Objects.equals(emailSender, e.emailSender)
                && Objects.equals(emailSubject, e.emailSubject)
                && Objects.equals(dlpProfile, e.dlpProfile)
                && Objects.equals(raw, e.raw)
                && Objects.equals(identityKey, e.identityKey)
                && Objects.equals(userId, e.userId)
                && Objects.equals(resolution, e.resolution)
                && Objects.equals(user, e.user);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, eventUid, eventTime, userId);
    }

    @Override
    public String toString() {
        return "SecurityEvent{"
                + orgId
                + "/"
                + vendor
                + "/"
                + eventUid
                + " "
                + eventClass
                + " "
                + activity
                + " actor="
                + actorEmail
                + "|"
                + actorUserName
                + " user="
                + userId
                + "}";
    }
}
