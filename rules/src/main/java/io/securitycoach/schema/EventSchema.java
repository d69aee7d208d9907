package io.securitycoach.schema;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The single definition of what rules can read: the fields of {@code event} and {@code user}, their
 * CEL types, and how each is read from the Java records. The CEL type declarations rules are
 * checked against and the values they are evaluated on are both derived from it.
 *
 * <p>Absent strings read as {@code ""} and absent numbers as {@code 0}, so a rule never fails on a
 * field a vendor did not send.
 */
public final class EventSchema {
    public static final String EVENT_TYPE_NAME = "coach.Event";
    public static final String USER_TYPE_NAME = "coach.User";

    private static final List<Field<SecurityEvent>> EVENT_FIELDS =
            List.of(
                    string("org_id", e -> e.orgId, (e, v) -> e.orgId = v),
                    string("event_uid", e -> e.eventUid, (e, v) -> e.eventUid = v),
                    string("vendor", e -> e.vendor, (e, v) -> e.vendor = v),
                    string("product", e -> e.product, (e, v) -> e.product = v),
                    string("class", e -> e.eventClass, (e, v) -> e.eventClass = v),
                    integer("class_uid", e -> (long) e.classUid),
                    string("category", e -> e.category, (e, v) -> e.category = v),
                    string("activity", e -> e.activity, (e, v) -> e.activity = v),
                    string("action", e -> e.action, (e, v) -> e.action = v),
                    string("outcome", e -> e.outcome, (e, v) -> e.outcome = v),
                    string("severity", e -> e.severity, (e, v) -> e.severity = v),
                    integer("event_time", e -> e.eventTime),
                    string("message", e -> e.message, (e, v) -> e.message = v),
                    string("actor_email", e -> e.actorEmail, (e, v) -> e.actorEmail = v),
                    string("actor_user_name", e -> e.actorUserName, (e, v) -> e.actorUserName = v),
                    string("actor_domain", e -> e.actorDomain, (e, v) -> e.actorDomain = v),
                    string("actor_host", e -> e.actorHost, (e, v) -> e.actorHost = v),
                    string("actor_ip", e -> e.actorIp, (e, v) -> e.actorIp = v),
                    string(
                            "actor_display_name",
                            e -> e.actorDisplayName,
                            (e, v) -> e.actorDisplayName = v),
                    string("url", e -> e.url, (e, v) -> e.url = v),
                    string("url_host", e -> e.urlHost, (e, v) -> e.urlHost = v),
                    string("url_category", e -> e.urlCategory, (e, v) -> e.urlCategory = v),
                    string("app", e -> e.app, (e, v) -> e.app = v),
                    string("threat_name", e -> e.threatName, (e, v) -> e.threatName = v),
                    string("file_name", e -> e.fileName, (e, v) -> e.fileName = v),
                    string("file_type", e -> e.fileType, (e, v) -> e.fileType = v),
                    string("file_hash", e -> e.fileHash, (e, v) -> e.fileHash = v),
                    string("process_name", e -> e.processName, (e, v) -> e.processName = v),
                    string("command_line", e -> e.commandLine, (e, v) -> e.commandLine = v),
                    string("mitre_tactic", e -> e.mitreTactic, (e, v) -> e.mitreTactic = v),
                    string(
                            "mitre_technique",
                            e -> e.mitreTechnique,
                            (e, v) -> e.mitreTechnique = v),
                    string("email_sender", e -> e.emailSender, (e, v) -> e.emailSender = v),
                    string("email_subject", e -> e.emailSubject, (e, v) -> e.emailSubject = v),
                    string("dlp_profile", e -> e.dlpProfile, (e, v) -> e.dlpProfile = v),
                    new Field<>(
                            "raw",
                            MapType.create(SimpleType.STRING, SimpleType.STRING),
                            e -> e.raw == null ? Collections.emptyMap() : e.raw.asMap(),
                            Collections.emptyMap()),
                    new Field<>("resolved", SimpleType.BOOL, e -> e.userId != null, false));

    private static final List<Field<UserProfile>> USER_FIELDS =
            List.of(
                    string("user_id", u -> u.userId),
                    string("email", u -> u.email),
                    string("first_name", u -> u.firstName),
                    string("last_name", u -> u.lastName),
                    string("department", u -> u.department),
                    string("title", u -> u.title),
                    string("location", u -> u.location),
                    string("manager_email", u -> u.managerEmail),
                    new Field<>(
                            "tags",
                            ListType.create(SimpleType.STRING),
                            u -> u.tags == null ? Collections.emptyList() : Arrays.asList(u.tags),
                            Collections.emptyList()));

    public static final StructType EVENT_TYPE = structOf(EVENT_TYPE_NAME, EVENT_FIELDS);
    public static final StructType USER_TYPE = structOf(USER_TYPE_NAME, USER_FIELDS);

    private static final Map<String, Object> UNKNOWN_USER = defaults(USER_FIELDS);

    private EventSchema() {}

    /** The types the CEL compiler resolves {@code event.x} and {@code user.x} against. */
    public static CelTypeProvider typeProvider() {
        return new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return ImmutableList.of(EVENT_TYPE, USER_TYPE);
            }

            @Override
            public Optional<CelType> findType(String typeName) {
                if (EVENT_TYPE_NAME.equals(typeName)) return Optional.of(EVENT_TYPE);
                if (USER_TYPE_NAME.equals(typeName)) return Optional.of(USER_TYPE);
                return Optional.empty();
            }
        };
    }

    /** The value of {@code event} in a rule: every schema field present. */
    public static Map<String, Object> eventValue(SecurityEvent event) {
        return valueOf(EVENT_FIELDS, event);
    }

    /** The value of {@code user} in a rule; all defaults when the user is unknown. */
    public static Map<String, Object> userValue(UserProfile user) {
        return user == null ? UNKNOWN_USER : valueOf(USER_FIELDS, user);
    }

    public static List<String> eventFieldNames() {
        return EVENT_FIELDS.stream().map(f -> f.name).collect(ImmutableList.toImmutableList());
    }

    private static final Map<String, Function<SecurityEvent, Object>> GETTERS = getters();

    /**
     * What each field means and which vendor fields feed it: the schema document is generated from
     * this.
     */
    private static final Map<String, String[]> DOCS = docs();

    /**
     * The schema document (docs/schema.md) for rule authors, from the same definition as the CEL
     * types.
     */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Event schema\n\n")
                .append(
                        "Generated from"
                            + " `rules/src/main/java/io/securitycoach/schema/EventSchema.java` by ")
                .append(
                        "`./coach schema`; a test keeps this file equal to it. Absent text reads as"
                                + " `\"\"`, absent numbers as `0`.\n\n")
                .append(
                        "## `event`\n\n"
                                + "| field | CEL type | meaning | from (vendor: field) |\n"
                                + "|---|---|---|---|\n");
        EVENT_FIELDS.forEach(f -> row(md, f.name, f.type));
        md.append("\n## `user`\n\n| field | CEL type | meaning | from |\n|---|---|---|---|\n");
        USER_FIELDS.forEach(f -> row(md, f.name, f.type));
        VendorRecordTypes.markdown(md);
        return md.toString();
    }

    private static void row(StringBuilder md, String name, CelType type) {
        String[] doc = DOCS.getOrDefault(name, new String[] {"", ""});
        md.append("| `")
                .append(name)
                .append("` | ")
                .append(type.name())
                .append(" | ")
                .append(doc[0])
                .append(" | ")
                .append(doc[1].replace("|", "\\|"))
                .append(" |\n");
    }

    private static Map<String, String[]> docs() {
        Map<String, String[]> d = new HashMap<>();
        d.put(
                "org_id",
                new String[] {
                    "The customer org the event belongs to (from the source: folder, stream tag).",
                    "all: source"
                });
        d.put(
                "event_uid",
                new String[] {
                    "Stable id: the vendor id, else a hash of the raw record.",
                    "okta: uuid; zscaler: recordid/event_id; proofpoint: id/GUID (+ recipient when"
                            + " several); crowdstrike: CompositeId/DetectId/SessionId or offset;"
                            + " netskope: _id/dlp_incident_id; defender: id"
                });
        d.put(
                "vendor",
                new String[] {
                    "okta, zscaler, proofpoint, crowdstrike, netskope or defender.",
                    "all: source or detection"
                });
        d.put("product", new String[] {"The vendor product.", "all"});
        d.put(
                "class",
                new String[] {
                    "Event class rules filter on: auth, account, admin, web, email, endpoint, dlp,"
                            + " network.",
                    "all: by record type"
                });
        d.put(
                "class_uid",
                new String[] {
                    "OCSF class_uid (3002 Authentication, 4002 HTTP Activity, 2004 Detection"
                            + " Finding, ...).",
                    "all"
                });
        d.put(
                "category",
                new String[] {"OCSF-like category: iam, network, email, findings.", "all"});
        d.put(
                "activity",
                new String[] {
                    "What happened, in the vendor's words.",
                    "okta: eventType; zscaler: requestmethod/reqmethod; proofpoint:"
                        + " click_permitted/click_blocked/click/message_delivered/message_blocked/message;"
                        + " crowdstrike: Name/DetectName/OperationName; netskope: activity"
                        + " (lower-case), alert_type, audit_log_event, compromised_credential;"
                        + " defender: title"
                });
        d.put(
                "action",
                new String[] {
                    "allowed, blocked or unknown.",
                    "okta: outcome.result; zscaler: action; proofpoint:"
                        + " feed/status/quarantineFolder; crowdstrike: PatternDispositionFlags"
                        + " (else the description's Prevention/Detection); netskope: action (block"
                        + " family, alert/useralert/Detection/bypass allowed); defender:"
                        + " remediationStatus/deliveryAction"
                });
        d.put(
                "outcome",
                new String[] {
                    "success, failure or unknown.", "okta: outcome.result; crowdstrike: Success"
                });
        d.put(
                "severity",
                new String[] {
                    "info, low, medium, high, critical.",
                    "okta: severity; zscaler: threatseverity; crowdstrike: SeverityName or Severity"
                        + " (0-100, legacy 1-5); netskope:"
                        + " severity/dlp_rule_severity/severity_level; defender: severity; others"
                        + " derived"
                });
        d.put(
                "event_time",
                new String[] {
                    "Vendor event time, epoch milliseconds.",
                    "okta: published; zscaler: epochtime/datetime/time (%s{time}, YYYY-MM-DD"
                        + " HH:MM:SS, ISO-8601, epoch); proofpoint: clickTime/messageTime;"
                        + " crowdstrike: metadata.eventCreationTime; netskope: timestamp (number or"
                        + " text); defender: createdDateTime"
                });
        d.put(
                "message",
                new String[] {
                    "A short description from the vendor.",
                    "okta: displayMessage; zscaler: reason; crowdstrike:"
                        + " Description/DetectDescription; netskope:"
                        + " alert_name/policy/dlp_rule/breach_description; defender: description"
                });
        d.put(
                "actor_email",
                new String[] {
                    "The person's email or UPN, lower-cased.",
                    "okta: actor.alternateId (target[] User when Okta or an app acts); zscaler:"
                            + " login/user/elogin; proofpoint: recipient; crowdstrike:"
                            + " UserName/UserId/SourceAccountUpn; netskope:"
                            + " user/userkey/matched_username; defender: user, mailbox, analysed"
                            + " message, process or device evidence; Entra B2B guests decoded"
                });
        d.put(
                "actor_user_name",
                new String[] {
                    "User name without domain (also the local part of an email).",
                    "as actor_email, or DOMAIN\\user"
                });
        d.put(
                "actor_domain",
                new String[] {
                    "The domain of a DOMAIN\\user identity.",
                    "crowdstrike: LogonDomain/MachineDomain/SourceAccountDomain; defender:"
                            + " domainName; zscaler: user"
                });
        d.put(
                "actor_host",
                new String[] {
                    "The device.",
                    "zscaler: devicehostname; crowdstrike: Hostname/ComputerName; netskope:"
                            + " hostname; defender: deviceEvidence.deviceDnsName"
                });
        d.put(
                "actor_ip",
                new String[] {
                    "The client IP.",
                    "okta: client.ipAddress; zscaler: ClientIP/cip/cltip; proofpoint: clickIP;"
                        + " crowdstrike: LocalIP/UserIp/SourceEndpointIpAddress; netskope: srcip;"
                        + " defender: ipEvidence"
                });
        d.put(
                "actor_display_name",
                new String[] {
                    "The person's display name, kept apart from user names (not unique: never used"
                            + " to resolve who it is).",
                    "okta: actor.displayName; defender: userAccount.displayName; a name with spaces"
                            + " in any identity field"
                });
        d.put(
                "url",
                new String[] {
                    "The URL visited or clicked.",
                    "zscaler: url/eurl/b64url (decoded); proofpoint: url, threat of URL threats"
                            + " only; netskope: url; defender: urlEvidence, analysed message urls"
                });
        d.put(
                "url_host",
                new String[] {
                    "The URL\'s host, lower-cased.",
                    "zscaler: host/ehost/hostname, else from url; others from url (netskope's site"
                            + " is an app name)"
                });
        d.put(
                "url_category",
                new String[] {
                    "The proxy\'s URL category.",
                    "zscaler: urlcategory/urlcat/urlsubcat; netskope: appcategory/category"
                });
        d.put(
                "app",
                new String[] {
                    "The application.",
                    "okta: client.userAgent.browser; zscaler: appname; netskope: app, email_source;"
                            + " defender: cloudApplicationEvidence"
                });
        d.put(
                "threat_name",
                new String[] {
                    "Malware or threat classification.",
                    "zscaler: threatname; proofpoint: classification; netskope: malware_name;"
                            + " defender: threatDisplayName"
                });
        d.put(
                "file_name",
                new String[] {
                    "File name.",
                    "zscaler: filename/upload_filename; proofpoint: attachment"
                            + " messageParts.filename; crowdstrike: FileName; netskope:"
                            + " dlp_file/file_name/object; defender: imageFile.fileName,"
                            + " fileDetails.fileName"
                });
        d.put("file_type", new String[] {"File type.", "zscaler: filetype; netskope: file_type"});
        d.put(
                "file_hash",
                new String[] {
                    "File hash (SHA-256 where the vendor has it).",
                    "zscaler: sha256/bamd5; proofpoint: attachment threat; crowdstrike:"
                            + " SHA256String/MD5String; netskope: sha256/md5; defender:"
                            + " imageFile.sha256, fileDetails.sha256"
                });
        d.put(
                "process_name",
                new String[] {
                    "The process of an endpoint detection.",
                    "crowdstrike: FileName; defender: processEvidence.imageFile.fileName"
                });
        d.put(
                "command_line",
                new String[] {
                    "Its command line.", "crowdstrike: CommandLine; defender: processCommandLine"
                });
        d.put(
                "mitre_tactic",
                new String[] {
                    "MITRE ATT&CK tactic, e.g. Credential Access.",
                    "crowdstrike: Tactic; defender: category when an ATT&CK tactic (spaced)"
                });
        d.put(
                "mitre_technique",
                new String[] {
                    "MITRE ATT&CK technique (id or name).",
                    "crowdstrike: TechniqueId/Technique; defender: mitreTechniques[0]"
                });
        d.put(
                "email_sender",
                new String[] {
                    "Sender of the email involved.",
                    "proofpoint: fromAddress/sender/headerFrom (the address; the display name stays"
                            + " in raw); defender: p1Sender/p2Sender"
                });
        d.put(
                "email_subject",
                new String[] {
                    "Subject of the email involved.",
                    "proofpoint: subject; defender: analysed message subject"
                });
        d.put(
                "dlp_profile",
                new String[] {"The DLP profile that matched.", "netskope: dlp_profile"});
        d.put(
                "raw",
                new String[] {
                    "Every vendor field, flattened to dotted keys (arrays as key.N), as text.",
                    "all"
                });
        d.put(
                "resolved",
                new String[] {"Whether the directory knows the person.", "identity resolution"});
        d.put("user_id", new String[] {"Directory user id.", "directory"});
        d.put("email", new String[] {"Directory email.", "directory"});
        d.put("first_name", new String[] {"First name.", "directory"});
        d.put("last_name", new String[] {"Last name.", "directory"});
        d.put("department", new String[] {"Department.", "directory"});
        d.put("title", new String[] {"Job title.", "directory"});
        d.put("location", new String[] {"Location.", "directory"});
        d.put("manager_email", new String[] {"Manager\'s email.", "directory"});
        d.put("tags", new String[] {"Directory tags.", "directory"});
        return d;
    }

    /** The value of one event field by its rule name, as rules see it ("" when absent). */
    public static Object fieldValue(SecurityEvent event, String field) {
        Function<SecurityEvent, Object> getter = GETTERS.get(field);
        Object v = getter == null ? null : getter.apply(event);
        return v == null ? "" : v;
    }

    private static Map<String, Function<SecurityEvent, Object>> getters() {
        Map<String, Function<SecurityEvent, Object>> m = new HashMap<>();
        EVENT_FIELDS.forEach(f -> m.put(f.name, f.getter));
        return m;
    }

    /**
     * How a customer's parsing configuration sets a string event field by its schema name; empty
     * for fields that are not plain strings (event_time, class_uid, raw, resolved).
     */
    public static Optional<BiConsumer<SecurityEvent, String>> setter(String field) {
        return EVENT_FIELDS.stream()
                .filter(f -> f.name.equals(field) && f.setter != null)
                .findFirst()
                .map(f -> f.setter);
    }

    /** Event fields of type string: what a threshold may count distinct values of. */
    public static List<String> stringEventFields() {
        return EVENT_FIELDS.stream()
                .filter(f -> f.type == SimpleType.STRING)
                .map(f -> f.name)
                .collect(ImmutableList.toImmutableList());
    }

    private static <T> Map<String, Object> valueOf(List<Field<T>> fields, T record) {
        Map<String, Object> value = new HashMap<>(fields.size() * 2);
        for (Field<T> f : fields) {
            Object v = f.getter.apply(record);
            value.put(f.name, v == null ? f.absent : v);
        }
        return value;
    }

    private static <T> Map<String, Object> defaults(List<Field<T>> fields) {
        Map<String, Object> value = new HashMap<>();
        for (Field<T> f : fields) {
            value.put(f.name, f.absent);
        }
        return Collections.unmodifiableMap(value);
    }

    private static <T> StructType structOf(String name, List<Field<T>> fields) {
        Map<String, CelType> types = new LinkedHashMap<>();
        fields.forEach(f -> types.put(f.name, f.type));
        return StructType.create(
                name,
                ImmutableSet.copyOf(types.keySet()),
                fieldName -> Optional.ofNullable(types.get(fieldName)));
    }

    private static <T> Field<T> string(String name, Function<T, String> getter) {
        return new Field<>(name, SimpleType.STRING, getter::apply, "");
    }

    private static <T> Field<T> string(
            String name, Function<T, String> getter, BiConsumer<T, String> setter) {
        Field<T> f = new Field<>(name, SimpleType.STRING, getter::apply, "");
        f.setter = setter;
        return f;
    }

    private static <T> Field<T> integer(String name, Function<T, Long> getter) {
        return new Field<>(name, SimpleType.INT, getter::apply, 0L);
    }

    private static final class Field<T> {
        final String name;
        final CelType type;
        final Function<T, Object> getter;
        final Object absent;

        /** For string event fields: how a parsing configuration sets it. */
        BiConsumer<T, String> setter;

        Field(String name, CelType type, Function<T, Object> getter, Object absent) {
            this.name = name;
            this.type = type;
            this.getter = getter;
            this.absent = absent;
        }
    }
}
