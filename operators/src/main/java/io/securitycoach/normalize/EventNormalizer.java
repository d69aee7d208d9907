package io.securitycoach.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securitycoach.normalize.parsers.ParserFailure;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Hashes;
import io.securitycoach.schema.Identities;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.JsonLines;
import io.securitycoach.schema.OrgIds;
import io.securitycoach.schema.SecurityEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Raw vendor bytes to {@link SecurityEvent}, or a {@link DeadLetter} saying why not. Never throws:
 * every failure of the input is a result. Plain Java, so the CLI and benchmarks use the same code.
 */
public final class EventNormalizer {
    public static final String STAGE = "normalize";
    public static final int DEFAULT_MAX_RECORD_CHARS = 1024 * 1024;
    /** Events claiming to be from before this are a vendor or clock error. */
    static final long EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    /** Events may be ahead of our clock by at most this much. */
    static final long MAX_FUTURE_SKEW = Duration.ofDays(1).toMillis();

    private final VendorRegistry vendors;
    private final int maxRecordChars;
    private final ObjectMapper mapper = Json.mapper();

    public EventNormalizer(VendorRegistry vendors, int maxRecordChars) {
        this.vendors = vendors;
        this.maxRecordChars = maxRecordChars;
    }

    public EventNormalizer() {
        this(VendorRegistry.builtIn(), DEFAULT_MAX_RECORD_CHARS);
    }

    /** The outcome of one record: exactly one of {@code event} and {@code deadLetter} is set. */
    public static final class Result {
        public final SecurityEvent event;
        public final DeadLetter deadLetter;
        /** A customer's parsing configuration that failed by its own fault on this record, else null. */
        public ParserFailure failedParser;

        private Result(SecurityEvent event, DeadLetter deadLetter) {
            this.event = event;
            this.deadLetter = deadLetter;
        }
    }

    public Result normalize(RawEvent raw, long now) {
        return normalize(raw, now, vendors);
    }

    /** With the vendors of the record's org: the built-ins plus that org's own parsing configurations. */
    public Result normalize(RawEvent raw, long now, VendorRegistry vendors) {
        try {
            return new Result(normalizeOrThrow(raw, now, vendors), null);
        } catch (NormalizationException e) {
            return new Result(null, DeadLetter.of(STAGE, raw.orgId, raw.vendor, e.reason(), e.getMessage(),
                    raw.payload, raw.origin, now));
        } catch (RuntimeException e) {
            // A vendor mapping bug must not take the job down: the record is kept with the cause.
            Result failed = new Result(null, DeadLetter.of(STAGE, raw.orgId, raw.vendor, "normalizer_error",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), raw.payload, raw.origin, now));
            failed.failedParser = e instanceof ParserFailure ? (ParserFailure) e : null;
            return failed;
        }
    }

    private SecurityEvent normalizeOrThrow(RawEvent raw, long now, VendorRegistry vendors) throws NormalizationException {
        if (raw.orgId == null || raw.orgId.isBlank()) {
            throw new NormalizationException(Reasons.MISSING_ORG, "the source gave no org id");
        }
        if (!OrgIds.isValid(raw.orgId)) {
            throw new NormalizationException(Reasons.INVALID_ORG, OrgIds.problem(raw.orgId));
        }
        String payload = raw.payload == null ? "" : raw.payload;
        if (payload.length() > maxRecordChars) {
            throw new NormalizationException(Reasons.RECORD_TOO_LARGE,
                    "record is " + payload.length() + " characters, the limit is " + maxRecordChars);
        }
        JsonNode record;
        try {
            record = JsonLines.readOne(mapper, payload);
        } catch (JsonLines.TrailingContentException e) {
            throw new NormalizationException(Reasons.TRAILING_CONTENT, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new NormalizationException(Reasons.INVALID_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        if (record == null || !record.isObject()) {
            throw new NormalizationException(Reasons.NOT_AN_OBJECT, "expected a JSON object per record");
        }
        VendorNormalizer normalizer = pick(raw.vendor, record, vendors);

        SecurityEvent event = new SecurityEvent();
        event.orgId = raw.orgId;
        event.vendor = normalizer.vendor();
        event.ingestTime = raw.ingestTime;
        normalizer.normalize(record, event);
        EpochTimes.checked(event.eventTime, "event time");

        if (event.eventTime < EARLIEST_PLAUSIBLE || event.eventTime > now + MAX_FUTURE_SKEW) {
            throw new NormalizationException(Reasons.ABSURD_TIME,
                    "event time " + Instant.ofEpochMilli(event.eventTime) + " is before 2000 or more than a day ahead");
        }
        event.identityKey = Identities.lookupKey(event);
        if (event.identityKey == null) {
            throw new NormalizationException(Reasons.MISSING_IDENTITY, "no user email or user name in the record");
        }
        if (event.eventUid == null) {
            event.eventUid = normalizer.vendor() + ":" + Hashes.sha256Hex(payload, 20);
        }
        return event;
    }

    private static VendorNormalizer pick(String vendor, JsonNode record, VendorRegistry vendors) throws NormalizationException {
        if (vendor == null || VendorRegistry.AUTO.equals(vendor)) {
            List<VendorNormalizer> matches = vendors.recognizing(record);
            if (matches.size() == 1) {
                return matches.get(0);
            }
            throw new NormalizationException(Reasons.UNRECOGNIZED_FORMAT, matches.isEmpty()
                    ? "no known vendor has this record shape"
                    : "ambiguous record shape: " + matches.stream().map(VendorNormalizer::vendor).collect(Collectors.joining(", ")));
        }
        VendorNormalizer n = vendors.byName(vendor).orElseThrow(() -> new NormalizationException(
                Reasons.UNKNOWN_VENDOR, "unknown vendor '" + vendor + "'; known: " + vendors.names()));
        if (!n.recognizes(record)) {
            throw new NormalizationException(Reasons.UNRECOGNIZED_FORMAT, "record does not have the " + vendor + " shape");
        }
        return n;
    }
}
