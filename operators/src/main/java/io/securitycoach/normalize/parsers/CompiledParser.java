package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.schema.SecurityEvent;
import java.util.function.BiConsumer;

/**
 * A customer's parsing configuration, compiled: paths split, regexes and time formats built,
 * setters looked up, all once. Normalizing a record is then a loop over the mappings, like a
 * built-in vendor. A configuration that extends a built-in vendor ({@link BuiltInBase}) lets the
 * built-in make the event from the renamed record; its own keys and fields then fill or override
 * fields of that event.
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

    /**
     * The built-in vendor this configuration extends, or null when its own mappings make the whole
     * event.
     */
    private final BuiltInBase base;

    private final PerElement perElement;

    /**
     * What makes several events of one record and decides fields by cases: the fan-out ({@code
     * each}, or null), the code table ({@code when}, or null), and whether a mapped event_uid reads
     * the record only (then each element's event gets its id or index after it).
     */
    static final class PerElement {
        final EachArray each;
        final WhenCases when;
        final boolean suffixUid;

        PerElement(EachArray each, WhenCases when, boolean uidFromRecord) {
            this.each = each;
            this.when = when;
            this.suffixUid = each != null && uidFromRecord;
        }
    }

    CompiledParser(
            String name,
            String orgId,
            long version,
            String product,
            String eventClass,
            int classUid,
            String category,
            ValuePath[] recognize,
            FieldMapping time,
            TimeFormat timeFormat,
            FieldMapping actor,
            FieldMapping[] fields,
            BiConsumer<SecurityEvent, String>[] setters,
            BuiltInBase base,
            PerElement perElement) {
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
        this.base = base;
        this.perElement = perElement;
    }

    private CompiledParser(CompiledParser of, BuiltInBase base) {
        this(
                of.name,
                of.orgId,
                of.version,
                of.product,
                of.eventClass,
                of.classUid,
                of.category,
                of.recognize,
                of.time,
                of.timeFormat,
                of.actor,
                of.fields,
                of.setters,
                base,
                of.perElement);
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

    /** The built-in vendor this configuration extends, or null. */
    @Override
    public String extendsVendor() {
        return base == null ? null : base.vendor();
    }

    /**
     * Bound to the registry's own instance of the built-in it extends (configured by the org's
     * settings).
     */
    @Override
    public VendorNormalizer boundTo(VendorRegistry builtIns) {
        BuiltInBase bound = base == null ? null : base.boundTo(builtIns);
        return bound == base ? this : new CompiledParser(this, bound);
    }

    /**
     * Every recognize path present; a configuration without them takes any record sent under its
     * name.
     */
    @Override
    public boolean recognizes(JsonNode record) {
        try {
            return hasRecognizePaths(record);
        } catch (RuntimeException e) {
            throw new ParserFailure(this, e);
        }
    }

    /**
     * Its recognize paths in the record as sent, and (when it extends one) the built-in's shape
     * once renamed.
     */
    private boolean hasRecognizePaths(JsonNode record) {
        JsonNode first = perElement.each == null ? null : perElement.each.first(record);
        for (ValuePath p : recognize) {
            if (!p.presentIn(record, first)) {
                return false;
            }
        }
        return base == null || base.builtIn().recognizes(base.renamed(record));
    }

    /** Without recognize paths a configuration would claim every record: auto never picks it. */
    @Override
    public boolean autoDetectable() {
        return recognize.length > 0;
    }

    /**
     * @throws ParserFailure when the configuration itself fails (never for a bad record: that is a
     *     dead letter)
     */
    @Override
    public void normalize(JsonNode record, SecurityEvent out) throws NormalizationException {
        normalize(record, 0, out);
    }

    /**
     * @throws ParserFailure when the configuration itself fails (never for a bad record: that is a
     *     dead letter)
     */
    @Override
    public void normalize(JsonNode record, int index, SecurityEvent out)
            throws NormalizationException {
        try {
            if (base == null) {
                JsonNode element =
                        perElement.each == null ? null : perElement.each.element(record, index);
                map(record, element, out); // raw fields: the record's (EventNormalizer)
                elementUid(record, element, index, out);
            } else {
                extend(record, index, out);
            }
        } catch (RuntimeException e) {
            throw new ParserFailure(this, e);
        }
    }

    @Override
    public int eventCount(JsonNode record) {
        try {
            if (base != null) {
                return base.builtIn().eventCount(base.renamed(record));
            }
            return perElement.each == null ? 1 : perElement.each.eventCount(record);
        } catch (RuntimeException e) {
            throw new ParserFailure(this, e);
        }
    }

    @Override
    public String recordType(JsonNode record) {
        return base == null ? "record" : base.builtIn().recordType(base.renamed(record));
    }

    /**
     * The built-in's event for the renamed record, then this configuration's top-level keys and
     * fields on top (each read from the record as sent; an absent value keeps the built-in's).
     */
    private void extend(JsonNode record, int index, SecurityEvent out)
            throws NormalizationException {
        JsonNode renamed = base.renamed(record);
        base.builtIn().normalize(renamed, index, out);
        if (out.raw == null && index == 0) {
            out.raw =
                    JsonFields.flatten(
                            renamed); // the names the built-in's rules read, whatever the template
        }
        out.product = product != null ? product : out.product;
        out.eventClass = eventClass != null ? eventClass : out.eventClass;
        out.category = category != null ? category : out.category;
        out.classUid = classUid >= 0 ? classUid : out.classUid;
        String url = out.url;
        if (time != null) {
            overrideTime(record, out);
        }
        if (actor != null) {
            overrideActor(actor.value(record), out);
        }
        fill(record, null, out);
        if (perElement.when != null) {
            perElement.when.apply(record, null, out);
        }
        if (out.url != null && !out.url.equals(url)) {
            out.urlHost = JsonFields.host(out.url);
        }
    }

    private void overrideTime(JsonNode record, SecurityEvent out) throws NormalizationException {
        String when = time.value(record);
        if (when == null && time.required) {
            throw new NormalizationException(
                    Reasons.MISSING_TIME, "no event time at " + time.source());
        }
        if (when != null) {
            out.eventTime = parseTime(when);
        }
    }

    private void overrideActor(String who, SecurityEvent out) throws NormalizationException {
        if (who == null && actor.required) {
            throw new NormalizationException(
                    Reasons.MISSING_IDENTITY, "no actor at " + actor.source());
        }
        if (who != null && !who.isBlank()) {
            out.actorEmail = null;
            out.actorUserName = null;
            out.actorDomain = null;
            out.actorDisplayName = null;
            ActorIdentity.assign(who, out);
        }
    }

    /**
     * The mapped fields: a value sets its field, an absent one leaves it (or is a dead letter when
     * required).
     */
    private void fill(JsonNode record, JsonNode element, SecurityEvent out)
            throws NormalizationException {
        for (int i = 0; i < fields.length; i++) {
            String v = fields[i].value(record, element);
            if (v != null) {
                setters[i].accept(out, v);
            } else if (fields[i].required) {
                throw new NormalizationException(
                        Reasons.MISSING_FIELD,
                        "no " + fields[i].target + " at " + fields[i].source());
            }
        }
    }

    /** The mapped event time; a time written as a JSON integer is read as one. */
    private long eventTime(JsonNode record, JsonNode element) throws NormalizationException {
        String when;
        if (time.readsAsWritten()) {
            JsonNode node = time.valueNode(record, element);
            long millis = node == null ? TimeFormat.AS_TEXT : timeFormat.fromNumber(node);
            if (millis != TimeFormat.AS_TEXT) {
                return millis;
            }
            when = node == null ? null : node.asText();
        } else {
            when = time.value(record, element);
        }
        if (when == null) {
            throw new NormalizationException(
                    Reasons.MISSING_TIME, "no event time at " + time.source());
        }
        return parseTime(when);
    }

    private long parseTime(String when) throws NormalizationException {
        try {
            return timeFormat.parse(when);
        } catch (RuntimeException e) {
            throw new NormalizationException(
                    Reasons.INVALID_TIME,
                    "event time '" + abbreviate(when) + "' does not fit the configured format");
        }
    }

    /**
     * The event of one record (or of one element of its {@code each} array: {@code element}, else
     * null): its mappings, then the first matching {@code when} case, then the defaults.
     */
    private void map(JsonNode record, JsonNode element, SecurityEvent out)
            throws NormalizationException {
        out.product = product;
        out.eventClass = eventClass;
        out.classUid = classUid;
        out.category = category;
        out.eventTime = eventTime(record, element);
        if (actor != null) {
            overrideActor(actor.value(record, element), out);
        }
        fill(record, element, out);
        if (perElement.when != null) {
            perElement.when.apply(record, element, out);
        }
        defaults(out);
    }

    /** Verdict unknown unless mapped (outcome follows a blocked/allowed action), severity info. */
    private static void defaults(SecurityEvent out) {
        if (out.action == null) {
            out.action = "unknown";
        }
        if (out.outcome == null) {
            out.outcome =
                    "blocked".equals(out.action)
                            ? "failure"
                            : "allowed".equals(out.action) ? "success" : "unknown";
        }
        if (out.severity == null) {
            out.severity = "info";
        }
        if (out.urlHost == null && out.url != null) {
            out.urlHost = JsonFields.host(out.url);
        }
    }

    /**
     * Events of one record's elements never share a uid: a uid mapped from the record gets the
     * element's id (each.id) or its index (not when the record is its own one element).
     */
    private void elementUid(JsonNode record, JsonNode element, int index, SecurityEvent out) {
        if (perElement.suffixUid && element != record && out.eventUid != null) {
            out.eventUid = out.eventUid + ":" + perElement.each.uidSuffix(record, element, index);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
