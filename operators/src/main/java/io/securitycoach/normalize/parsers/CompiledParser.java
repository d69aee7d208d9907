package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;

import java.util.function.BiConsumer;

/**
 * A customer's parsing configuration, compiled: paths split, regexes and time formats built, setters
 * looked up, all once. Normalizing a record is then a loop over the mappings, like a built-in vendor.
 */
public final class CompiledParser implements VendorNormalizer {
    final String name;
    final String orgId;
    final long version;
    private final String product;
    private final String eventClass;
    private final int classUid;
    private final String category;
    private final ValuePath[] recognize;
    private final FieldMapping time;
    private final TimeFormat timeFormat;
    private final FieldMapping actor;
    private final FieldMapping[] fields;
    private final BiConsumer<SecurityEvent, String>[] setters;

    CompiledParser(String name, String orgId, long version, String product, String eventClass, int classUid, String category,
                   ValuePath[] recognize, FieldMapping time, TimeFormat timeFormat, FieldMapping actor,
                   FieldMapping[] fields, BiConsumer<SecurityEvent, String>[] setters) {
        this.name = name;
        this.orgId = orgId;
        this.version = version;
        this.product = product;
        this.eventClass = eventClass;
        this.classUid = classUid;
        this.category = category;
        this.recognize = recognize;
        this.time = time;
        this.timeFormat = timeFormat;
        this.actor = actor;
        this.fields = fields;
        this.setters = setters;
    }

    @Override
    public String vendor() {
        return name;
    }

    public String orgId() {
        return orgId;
    }

    public long version() {
        return version;
    }

    /** Every recognize path present; a configuration without them takes any record sent under its name. */
    @Override
    public boolean recognizes(JsonNode record) {
        try {
            return hasRecognizePaths(record);
        } catch (RuntimeException e) {
            throw new ParserFailure(this, e);
        }
    }

    private boolean hasRecognizePaths(JsonNode record) {
        for (ValuePath p : recognize) {
            if (!p.presentIn(record)) {
                return false;
            }
        }
        return true;
    }

    /** Without recognize paths a configuration would claim every record: auto never picks it. */
    @Override
    public boolean autoDetectable() {
        return recognize.length > 0;
    }

    /** @throws ParserFailure when the configuration itself fails (never for a bad record: that is a dead letter) */
    @Override
    public void normalize(JsonNode record, SecurityEvent out) throws NormalizationException {
        try {
            map(record, out);
        } catch (RuntimeException e) {
            throw new ParserFailure(this, e);
        }
    }

    private void map(JsonNode record, SecurityEvent out) throws NormalizationException {
        out.product = product;
        out.eventClass = eventClass;
        out.classUid = classUid;
        out.category = category;
        String when = time.value(record);
        if (when == null) {
            throw new NormalizationException(Reasons.MISSING_TIME, "no event time at " + time.source());
        }
        try {
            out.eventTime = timeFormat.parse(when);
        } catch (RuntimeException e) {
            throw new NormalizationException(Reasons.INVALID_TIME, "event time '" + abbreviate(when) + "' does not fit the configured format");
        }
        if (actor != null) {
            String who = actor.value(record);
            if (who == null && actor.required) {
                throw new NormalizationException(Reasons.MISSING_IDENTITY, "no actor at " + actor.source());
            }
            ActorIdentity.assign(who, out);
        }
        for (int i = 0; i < fields.length; i++) {
            String v = fields[i].value(record);
            if (v != null) {
                setters[i].accept(out, v);
            } else if (fields[i].required) {
                throw new NormalizationException(Reasons.MISSING_FIELD, "no " + fields[i].target + " at " + fields[i].source());
            }
        }
        if (out.action == null) {
            out.action = "unknown";
        }
        if (out.outcome == null) {
            out.outcome = "blocked".equals(out.action) ? "failure" : "allowed".equals(out.action) ? "success" : "unknown";
        }
        if (out.severity == null) {
            out.severity = "info";
        }
        if (out.urlHost == null && out.url != null) {
            out.urlHost = JsonFields.host(out.url);
        }
        out.raw = JsonFields.flatten(record);
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
