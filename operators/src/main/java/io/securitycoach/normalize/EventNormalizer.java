package io.securitycoach.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.securitycoach.normalize.parsers.ParserFailure;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Hashes;
import io.securitycoach.schema.Identities;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.JsonLines;
import io.securitycoach.schema.OrgIds;
import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.SecurityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Raw vendor bytes to {@link SecurityEvent}, or a {@link DeadLetter} saying why not. Never throws:
 * every failure of the input is a result. Plain Java, so the CLI and benchmarks use the same code.
 */
public final class EventNormalizer {
    public static final String STAGE = "normalize";
    public static final int DEFAULT_MAX_RECORD_CHARS = 1024 * 1024;

    /**
     * Vendor fields of a record up to this size travel as its text (flattened where read); a larger
     * record's are flattened at once, as their flattening caps them.
     */
    static final int MAX_DEFERRED_RAW_CHARS = 16 * 1024;

    /** Events claiming to be from before this are a vendor or clock error. */
    static final long EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    /** Events may be ahead of our clock by at most this much. */
    static final long MAX_FUTURE_SKEW = Duration.ofDays(1).toMillis();

    private final VendorRegistry vendors;
    private final int maxRecordChars;
    private final ObjectReader treeReader = Json.mapper().readerFor(JsonNode.class);

    /** The org id last found valid: the pattern is matched once per run of records of one org. */
    private String lastValidOrg;

    private VendorRegistry lastRegistry;
    private String lastVendorName;
    private VendorNormalizer lastNamed;

    public EventNormalizer(VendorRegistry vendors, int maxRecordChars) {
        this.vendors = vendors;
        this.maxRecordChars = maxRecordChars;
    }

    public EventNormalizer() {
        this(VendorRegistry.builtIn(), DEFAULT_MAX_RECORD_CHARS);
    }

    /**
     * The outcome of one event of a record: exactly one of {@code event} and {@code deadLetter} is
     * set.
     */
    public static final class Result {
        public final SecurityEvent event;
        public final DeadLetter deadLetter;

        /**
         * The vendor that read it, else the vendor the source named ("auto" when none was
         * recognized).
         */
        public final String vendor;

        private final VendorNormalizer normalizer;
        private final JsonNode record;
        private final String sourceOrigin;
        private final int position;

        /**
         * A customer's parsing configuration that failed by its own fault on this record, else
         * null.
         */
        public ParserFailure failedParser;

        private Result(
                SecurityEvent event,
                DeadLetter deadLetter,
                String vendor,
                VendorNormalizer normalizer,
                JsonNode record,
                String sourceOrigin,
                int position) {
            this.event = event;
            this.deadLetter = deadLetter;
            this.vendor = vendor;
            this.normalizer = normalizer;
            this.record = record;
            this.sourceOrigin = sourceOrigin;
            this.position = position;
        }

        /**
         * Where its record was read: the source's origin, with {@code #position} for a record of a
         * page (made when asked: a string per record of a page cost a twentieth of its
         * normalization).
         */
        public String origin() {
            return position < 0 ? sourceOrigin : sourceOrigin + "#" + position;
        }

        /**
         * The vendor's kind of record ({@link VendorNormalizer#recordType}), null when no vendor
         * took it; asked for by reports only, so the hot path does not pay for it.
         */
        public String recordType() {
            if (normalizer == null) {
                return null;
            }
            try {
                return normalizer.recordType(record);
            } catch (RuntimeException e) {
                return "record";
            }
        }
    }

    /**
     * The first outcome of the record (a page or a multi-recipient message has more: see {@link
     * #normalizeAll}).
     */
    public Result normalize(RawEvent raw, long now) {
        return normalize(raw, now, vendors);
    }

    public Result normalize(RawEvent raw, long now, VendorRegistry vendors) {
        List<Result> all = normalizeAll(raw, now, vendors);
        return all.isEmpty()
                ? new Result(
                        null,
                        DeadLetter.of(
                                STAGE,
                                raw.orgId,
                                raw.vendor,
                                Reasons.EMPTY_PAGE,
                                "the page holds no records",
                                raw.payload,
                                raw.origin,
                                now),
                        raw.vendor,
                        null,
                        null,
                        raw.origin,
                        -1)
                : all.get(0);
    }

    public List<Result> normalizeAll(RawEvent raw, long now) {
        return normalizeAll(raw, now, vendors);
    }

    /**
     * Every event of the record, with the vendors of the record's org (the built-ins plus that
     * org's own parsing configurations). A page becomes one result per record, each with its
     * position in the page appended to the origin ({@code file:12#3}); an empty page none.
     */
    public List<Result> normalizeAll(RawEvent raw, long now, VendorRegistry vendors) {
        JsonNode value;
        try {
            value = parse(raw);
        } catch (NormalizationException e) {
            return List.of(
                    failed(
                            raw,
                            raw.payload,
                            raw.origin,
                            e.reason(),
                            e.getMessage(),
                            null,
                            null,
                            now));
        }
        List<PageSplitter.Entry> page = PageSplitter.split(value);
        if (page == null) {
            return record(raw, new Source(raw, value, -1), now, vendors);
        }
        for (PageSplitter.Entry entry : page) {
            if (!entry.record.isObject()) {
                return List.of(
                        failed(
                                raw,
                                raw.payload,
                                raw.origin,
                                Reasons.NOT_AN_OBJECT,
                                "a page holds JSON objects; element "
                                        + entry.position
                                        + " is not one",
                                null,
                                null,
                                now));
            }
        }
        List<Result> results = new ArrayList<>(page.size());
        for (PageSplitter.Entry entry : page) {
            results.addAll(
                    record(raw, new Source(raw, entry.record, entry.position), now, vendors));
        }
        return results;
    }

    /** A record and where it came from: a whole line, or the record at a position of a page. */
    private static final class Source {
        final RawEvent raw;
        final JsonNode record;
        final int position;

        Source(RawEvent raw, JsonNode record, int position) {
            this.raw = raw;
            this.record = record;
            this.position = position;
        }

        String origin() {
            return position < 0 ? raw.origin : raw.origin + "#" + position;
        }

        /**
         * The record's vendor fields: a whole line of modest size is carried as its text and
         * flattened only if something reads a field (most events meet no rule that does); a record
         * of a page, or a large one (whose flattened fields are capped), is flattened now.
         */
        RawFields rawFields() {
            return position < 0 && raw.payload.length() <= MAX_DEFERRED_RAW_CHARS
                    ? RawFields.deferred(raw.payload)
                    : JsonFields.flatten(record);
        }

        /** The record's own text, for a dead letter: written only when one is needed. */
        String text() {
            return position < 0 ? raw.payload : record.toString();
        }

        /**
         * A stable uid from the record's text (and its position in the page) for a record without a
         * vendor id.
         */
        String hashedUid(String vendor) {
            return EventNormalizer.hashedUid(
                    vendor, position < 0 ? raw.payload : record.toString() + "#" + position);
        }

        /** This record as a dead letter; normalizer and record null when no vendor was picked. */
        Result deadLetter(
                String reason,
                String message,
                VendorNormalizer normalizer,
                JsonNode picked,
                long now) {
            return failed(raw, text(), origin(), reason, message, normalizer, picked, now);
        }
    }

    private JsonNode parse(RawEvent raw) throws NormalizationException {
        if (raw.rejectedReason != null) {
            throw new NormalizationException(raw.rejectedReason, raw.rejectedMessage);
        }
        if (raw.orgId == null || raw.orgId.isBlank()) {
            throw new NormalizationException(Reasons.MISSING_ORG, "the source gave no org id");
        }
        if (!raw.orgId.equals(
                lastValidOrg)) { // a task sees few orgs, in runs: check each once per run
            if (!OrgIds.isValid(raw.orgId)) {
                throw new NormalizationException(Reasons.INVALID_ORG, OrgIds.problem(raw.orgId));
            }
            lastValidOrg = raw.orgId;
        }
        String payload = raw.payload == null ? "" : raw.payload;
        if (payload.length() > maxRecordChars) {
            throw new NormalizationException(
                    Reasons.RECORD_TOO_LARGE,
                    "record is "
                            + payload.length()
                            + " characters, the limit is "
                            + maxRecordChars);
        }
        JsonNode value;
        try {
            value = JsonLines.readOne(treeReader, payload);
        } catch (JsonLines.TrailingContentException e) {
            throw new NormalizationException(Reasons.TRAILING_CONTENT, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new NormalizationException(
                    Reasons.INVALID_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        if (value == null || !(value.isObject() || value.isArray())) {
            throw new NormalizationException(
                    Reasons.NOT_AN_OBJECT, "expected a JSON object per record");
        }
        return value;
    }

    /**
     * The uid of an event whose record has no vendor id: a hash of the record's text (for a record
     * of a page, its text and {@code #position}). The support tools match audit records by it.
     */
    public static String hashedUid(String vendor, String seed) {
        return Hashes.sha256Hex(vendor + ":", seed, 20);
    }

    /** The events of one record. */
    private List<Result> record(RawEvent raw, Source source, long now, VendorRegistry vendors) {
        VendorNormalizer normalizer;
        try {
            normalizer = normalizerFor(raw, source.record, vendors);
        } catch (NormalizationException e) {
            return List.of(source.deadLetter(e.reason(), e.getMessage(), null, null, now));
        }
        int count = Math.max(1, normalizer.eventCount(source.record));
        List<Result> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(eventAt(raw, source, normalizer, i, count, now, vendors, results));
        }
        return results;
    }

    private VendorNormalizer normalizerFor(RawEvent raw, JsonNode record, VendorRegistry vendors)
            throws NormalizationException {
        if (!record.isObject()) {
            throw new NormalizationException(
                    Reasons.NOT_AN_OBJECT, "expected a JSON object per record");
        }
        return pick(raw.vendor, record, vendors);
    }

    /**
     * The event at {@code index} of a record's {@code count}, or a dead letter when it cannot be
     * made; {@code earlier} are the record's results so far.
     */
    private Result eventAt(
            RawEvent raw,
            Source source,
            VendorNormalizer normalizer,
            int index,
            int count,
            long now,
            VendorRegistry vendors,
            List<Result> earlier) {
        JsonNode record = source.record;
        try {
            SecurityEvent event = event(raw, record, normalizer, index, now, vendors.settings());
            fillRawAndUid(event, source, normalizer.vendor(), index, count, earlier);
            return new Result(
                    event,
                    null,
                    normalizer.vendor(),
                    normalizer,
                    record,
                    raw.origin,
                    source.position);
        } catch (NormalizationException e) {
            return source.deadLetter(e.reason(), e.getMessage(), normalizer, record, now);
        } catch (RuntimeException e) {
            // A vendor mapping bug must not take the job down: the record is kept with the cause.
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            Result failed =
                    source.deadLetter(Reasons.NORMALIZER_ERROR, message, normalizer, record, now);
            failed.failedParser = e instanceof ParserFailure ? (ParserFailure) e : null;
            return failed;
        }
    }

    /** The vendor fields and uid an event's mapping left unset, as the record gives them. */
    private static void fillRawAndUid(
            SecurityEvent event,
            Source source,
            String vendor,
            int index,
            int count,
            List<Result> earlier) {
        if (event.raw == null) { // one record's events share its vendor fields
            boolean first = earlier.isEmpty() || earlier.get(0).event == null;
            event.raw = first ? source.rawFields() : earlier.get(0).event.raw;
        }
        if (event.eventUid == null) {
            String uid = source.hashedUid(vendor);
            event.eventUid = count > 1 ? uid + ":" + index : uid;
        }
    }

    private static Result failed(
            RawEvent raw,
            String text,
            String origin,
            String reason,
            String message,
            VendorNormalizer normalizer,
            JsonNode record,
            long now) {
        String vendor = normalizer == null ? raw.vendor : normalizer.vendor();
        return new Result(
                null,
                DeadLetter.of(STAGE, raw.orgId, raw.vendor, reason, message, text, origin, now),
                vendor,
                normalizer,
                record,
                origin,
                -1);
    }

    private static SecurityEvent event(
            RawEvent raw,
            JsonNode record,
            VendorNormalizer normalizer,
            int index,
            long now,
            FeedSettings settings)
            throws NormalizationException {
        SecurityEvent event = new SecurityEvent();
        event.orgId = raw.orgId;
        event.vendor = normalizer.vendor();
        event.ingestTime = raw.ingestTime;
        event.raw = null; // a normalizer sets it to a part of the record, else fillRawAndUid
        normalizer.normalize(record, index, event);
        EpochTimes.checked(event.eventTime, "event time");

        if (event.eventTime < EARLIEST_PLAUSIBLE || event.eventTime > now + MAX_FUTURE_SKEW) {
            throw new NormalizationException(
                    Reasons.ABSURD_TIME,
                    "event time "
                            + Instant.ofEpochMilli(event.eventTime)
                            + " is before 2000 or more than a day ahead");
        }
        String machine = MachineActors.why(event);
        if (machine != null) {
            throw new NormalizationException(Reasons.PLATFORM_EVENT, machine + ": nobody to coach");
        }
        event.identityKey = Identities.lookupKey(event, settings.domains());
        if (event.identityKey == null) {
            throw new NormalizationException(
                    Reasons.MISSING_IDENTITY, "no user email or user name in the record");
        }
        return event;
    }

    private VendorNormalizer pick(String vendor, JsonNode record, VendorRegistry vendors)
            throws NormalizationException {
        if (vendor == null || VendorRegistry.AUTO.equals(vendor)) {
            List<VendorNormalizer> matches = vendors.recognizing(record);
            if (matches.size() == 1) {
                return matches.get(0);
            }
            throw new NormalizationException(
                    Reasons.UNRECOGNIZED_FORMAT,
                    matches.isEmpty()
                            ? "no known vendor has this record shape"
                            : "ambiguous record shape: "
                                    + matches.stream()
                                            .map(VendorNormalizer::vendor)
                                            .collect(Collectors.joining(", ")));
        }
        VendorNormalizer n = named(vendor, vendors);
        if (!n.recognizes(record)) {
            throw new NormalizationException(
                    Reasons.UNRECOGNIZED_FORMAT, "record does not have the " + vendor + " shape");
        }
        return n;
    }

    /**
     * The vendor a record names. A task sees runs of one feed, and a name that crossed a shuffle is
     * a new string each time (its hash not yet computed): comparing with the last one is cheaper
     * than the registry's lookup.
     */
    private VendorNormalizer named(String vendor, VendorRegistry vendors)
            throws NormalizationException {
        if (vendors == lastRegistry && vendor.equals(lastVendorName)) {
            return lastNamed;
        }
        VendorNormalizer n =
                vendors.byName(vendor)
                        .orElseThrow(
                                () ->
                                        new NormalizationException(
                                                Reasons.UNKNOWN_VENDOR,
                                                "unknown vendor '"
                                                        + vendor
                                                        + "'; known: "
                                                        + vendors.names()));
        lastRegistry = vendors;
        lastVendorName = vendor;
        lastNamed = n;
        return n;
    }
}
