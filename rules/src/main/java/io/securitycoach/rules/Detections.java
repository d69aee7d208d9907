package io.securitycoach.rules;

import io.securitycoach.schema.EventSummaries;
import io.securitycoach.schema.Hashes;
import io.securitycoach.schema.SecurityEvent;
import java.time.Duration;
import java.util.Locale;

/** Builds detections from a matching rule and event, with their deterministic ids. */
public final class Detections {
    private Detections() {}

    public static Detection of(RuleDefinition rule, SecurityEvent event, long now) {
        return of(rule, event, new String[] {event.eventUid}, now);
    }

    /**
     * A detection triggered by several events (threshold, sequence); {@code event} is the one that
     * completed it.
     */
    public static Detection of(
            RuleDefinition rule, SecurityEvent event, String[] eventUids, long now) {
        Detection d = new Detection();
        d.orgId = event.orgId;
        d.ruleId = rule.ruleId;
        d.ruleVersion = rule.version;
        d.userId = event.userId;
        d.identityKey = event.identityKey;
        d.userEmail =
                event.user != null && event.user.email != null
                        ? event.user.email
                        : event.actorEmail;
        d.firstName = event.user == null ? null : event.user.firstName;
        d.severity = rule.severity;
        d.mode = rule.mode;
        d.eventUids = eventUids.clone();
        d.eventTime = event.eventTime;
        d.detectTime = now;
        d.summary = EventSummaries.describe(event);
        if (eventUids.length > 1 && rule.isThreshold()) {
            d.summary +=
                    " ("
                            + eventUids.length
                            + " times within "
                            + Duration.ofMillis(rule.thresholdWindowMillis)
                                    .toString()
                                    .substring(2)
                                    .toLowerCase(Locale.ROOT)
                            + ")";
        }
        d.coachModule = rule.coachModule;
        d.channels = rule.coachChannels.clone();
        d.messageTemplate = rule.coachMessage;
        String who = event.userId != null ? event.userId : "identity:" + event.identityKey;
        d.detectionId =
                id(event.orgId, rule.ruleId, rule.version, who, String.join(",", d.eventUids));
        return d;
    }

    /** SHA-256 over the parts, 32 hex characters: stable across runs, restarts and replays. */
    public static String id(
            String orgId, String ruleId, long version, String user, String trigger) {
        return Hashes.sha256Hex(
                orgId + '\u0000' + ruleId + '\u0000' + version + '\u0000' + user + '\u0000'
                        + trigger,
                16);
    }
}
