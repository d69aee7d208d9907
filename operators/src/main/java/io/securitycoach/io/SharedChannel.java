package io.securitycoach.io;

import io.securitycoach.normalize.Reasons;
import io.securitycoach.records.RawEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A shared stream or prefix: one channel carrying many orgs' vendor records, each naming its org
 * and vendor in an envelope our ingestion side writes ({@link EnvelopeReader}) or in the Kinesis
 * partition key ({@code org/vendor[/anything]}). The org comes from that wrapping, which the
 * customer does not write, never from the customer's record inside it. What cannot be attributed
 * becomes a rejected record (a dead letter at the normalize stage, with its reason): an unreadable
 * envelope or key ({@code invalid_envelope}), an org not on the channel's allow-list ({@code
 * org_not_allowed}). Org ids and vendor names are then checked as for every other source.
 */
public final class SharedChannel implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The vendor of a record read from a shared channel whose envelope is not opened yet. */
    public static final String ENVELOPE = "_envelope";

    /** Orgs allowed on this channel; null when any (valid) org may use it. */
    private final TreeSet<String> allowedOrgs;

    /**
     * @param allowedOrgs the orgs this channel may carry, or null for any
     */
    public SharedChannel(Set<String> allowedOrgs) {
        this.allowedOrgs = allowedOrgs == null ? null : new TreeSet<>(allowedOrgs);
    }

    /** A record whose envelope is to be opened by {@link #open}. */
    public static RawEvent sealed(String envelope, String origin, long ingestTime) {
        return new RawEvent(null, ENVELOPE, envelope, origin, ingestTime);
    }

    public static boolean isSealed(RawEvent raw) {
        return raw.orgId == null && ENVELOPE.equals(raw.vendor) && raw.rejectedReason == null;
    }

    /**
     * The records of one envelope: one, or one per non-blank line of a pushed batch (origin {@code
     * <origin>:<line>}); a single rejected record when it cannot be attributed.
     */
    public List<RawEvent> open(String text, String origin, long ingestTime) {
        EnvelopeReader.Envelope envelope;
        try {
            envelope = EnvelopeReader.read(text);
        } catch (EnvelopeReader.InvalidEnvelope e) {
            return List.of(
                    RawEvent.rejected(
                            Reasons.INVALID_ENVELOPE, e.getMessage(), text, origin, ingestTime));
        }
        RawEvent refused = refuse(envelope.orgId, text, origin, ingestTime);
        if (refused != null) {
            return List.of(refused);
        }
        if (!envelope.batch) {
            return List.of(
                    new RawEvent(
                            envelope.orgId, envelope.vendor, envelope.record, origin, ingestTime));
        }
        List<RawEvent> records = lines(envelope, origin, ingestTime);
        return records.isEmpty()
                ? List.of(
                        RawEvent.rejected(
                                Reasons.EMPTY_PAGE,
                                "the pushed batch holds no records",
                                text,
                                origin,
                                ingestTime))
                : records;
    }

    /**
     * The record of a stream whose partition keys are {@code org/vendor} (anything after a further
     * {@code /} spreads an org over shards and is ignored).
     */
    public RawEvent fromPartitionKey(
            String partitionKey, String payload, String origin, long ingestTime) {
        String[] parts = partitionKey == null ? new String[0] : partitionKey.split("/", 3);
        if (parts.length < 2 || !EnvelopeReader.VENDOR.matcher(parts[1]).matches()) {
            return RawEvent.rejected(
                    Reasons.INVALID_ENVELOPE,
                    "partition key '"
                            + EnvelopeReader.cut(String.valueOf(partitionKey))
                            + "' is not org/vendor",
                    payload,
                    origin,
                    ingestTime);
        }
        RawEvent refused = refuse(parts[0], payload, origin, ingestTime);
        return refused != null
                ? refused
                : new RawEvent(parts[0], parts[1], payload, origin, ingestTime);
    }

    /** A rejected record when {@code org} may not use this channel, else null. */
    private RawEvent refuse(String org, String payload, String origin, long ingestTime) {
        if (allowedOrgs == null || allowedOrgs.contains(org)) {
            return null;
        }
        return RawEvent.rejected(
                Reasons.ORG_NOT_ALLOWED,
                "org '" + EnvelopeReader.cut(org) + "' is not allowed on this shared channel",
                payload,
                origin,
                ingestTime);
    }

    private static List<RawEvent> lines(
            EnvelopeReader.Envelope envelope, String origin, long ingestTime) {
        List<RawEvent> records = new ArrayList<>();
        String[] lines = envelope.record.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                records.add(
                        new RawEvent(
                                envelope.orgId,
                                envelope.vendor,
                                lines[i],
                                origin + ":" + (i + 1),
                                ingestTime));
            }
        }
        return records;
    }
}
