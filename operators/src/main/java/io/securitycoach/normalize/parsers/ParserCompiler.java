package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.rules.regex.GatedRegex;
import io.securitycoach.rules.regex.RegexGate;
import io.securitycoach.rules.regex.RegexRejectedException;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.OrgIds;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.validation.Problems;
import io.securitycoach.validation.TextPlaces;
import io.securitycoach.validation.TopLevelPeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads a customer's parsing configuration (YAML or JSON), checks all of it (one error per problem,
 * each naming its place, e.g. {@code fields.action.transform[1]}), bounds its cost, and compiles it
 * into a {@link CompiledParser}. The configuration is untrusted input: it can name only its own
 * org, cannot replace a built-in vendor, and cannot set the org or vendor of an event.
 *
 * <pre>
 * parser: mimecast-email          # the vendor name in drop folders and stream tags
 * org: acme
 * version: 1
 * product: Mimecast Email Security
 * class: email                    # class_uid and category optional
 * recognize: [id, senderAddress]  # for vendor auto: paths every record of this feed has
 * fields:
 *   event_time: {path: datetime, format: iso8601}   # or epoch_seconds|millis|micros|nanos, a pattern (+ time_zone)
 *   actor: {path: recipientAddress}                 # email, DOMAIN\\user or a user name
 *   email_sender: {path: senderAddress, transform: [trim, lower], required: true}
 *   action: {path: action, transform: [{map: {Hold: blocked, Accept: allowed}, default: unknown}]}
 *   severity: {value: medium}
 * </pre>
 *
 * With {@code extends: <built-in vendor>} and {@code rename: {record.path: name}} the built-in
 * makes the event from the renamed record ({@link BuiltInBase}, {@link Renames}); {@code class} and
 * {@code fields} are then optional and override what the built-in set. With {@code extends: <a
 * library configuration>} the org's keys go on top of the bundled configuration ({@link
 * LibraryExtension}, {@link BundledLibrary}). {@code each} fans a record out to one event per
 * element ({@link EachArray}); {@code when} sets fields from code tables ({@link WhenCompiler}).
 */
public final class ParserCompiler {
    public static final int MAX_CONFIG_CHARS = 64 * 1024;
    public static final int MAX_FIELDS = 64;
    public static final int MAX_STEPS = 8;
    public static final int MAX_MAP_ENTRIES = 1000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,47}");
    private static final Set<String> TOP =
            Set.of(
                    "parser",
                    "org",
                    "version",
                    "product",
                    "class",
                    "class_uid",
                    "category",
                    "recognize",
                    "fields",
                    "extends",
                    "rename",
                    "each",
                    "when");
    private static final Set<String> FIELD_KEYS =
            Set.of("path", "paths", "value", "transform", "format", "time_zone", "required");
    static final Set<String> NOT_SETTABLE =
            Set.of("org_id", "vendor", "class", "product", "category");
    private static final Map<String, String> CATEGORY_OF_CLASS =
            Map.of(
                    "auth",
                    "identity",
                    "web",
                    "network",
                    "email",
                    "network",
                    "network",
                    "network",
                    "endpoint",
                    "system",
                    "dlp",
                    "findings",
                    "detection",
                    "findings");

    /**
     * Duplicate keys are an error, not "the last one wins": a customer would not see which mapping
     * is live.
     */
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Problems errors = new Problems();
    private long regexSteps;

    /** Whether the configuration fans out ({@code each}): only then may paths start with @. */
    private boolean fansOut;

    private ParserCompiler() {}

    public static CompiledParser compile(String text, String source) throws ParserConfigException {
        if (text == null || text.length() > MAX_CONFIG_CHARS) {
            throw ParserConfigException.whole(
                    source,
                    "a parsing configuration is at most " + MAX_CONFIG_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String at =
                    e.getLocation() == null
                            ? ""
                            : " at "
                                    + e.getLocation().getLineNr()
                                    + ":"
                                    + e.getLocation().getColumnNr();
            throw ParserConfigException.whole(
                    source, "not valid YAML/JSON" + at + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ParserConfigException.whole(
                    source, "expected a mapping with parser, org, version, class and fields");
        }
        ParserCompiler compiler = new ParserCompiler();
        JsonNode config = compiler.withLibrary(root);
        CompiledParser parser = compiler.errors.isEmpty() ? compiler.compile(config) : null;
        if (!compiler.errors.isEmpty()) {
            throw new ParserConfigException(TextPlaces.place(compiler.errors.list(), text, source));
        }
        return parser;
    }

    /**
     * The org and parser name a configuration text names, when readable, even if invalid (for its
     * status); the library configuration it enables when it names no parser of its own.
     */
    public static String[] peekOrgAndName(String text) {
        String[] values = TopLevelPeek.values(text, "org", "parser", "extends");
        return new String[] {values[0], values[1] != null ? values[1] : values[2]};
    }

    /**
     * The configuration to compile: when it extends a library configuration by name, that
     * configuration with this one's keys on top ({@link LibraryExtension}); else itself. The org's
     * own text must name its org and version: the library's placeholder org is never used.
     */
    private JsonNode withLibrary(JsonNode root) {
        JsonNode ext = root.get("extends");
        if (ext == null
                || !ext.isTextual()
                || VendorRegistry.builtIn().byName(ext.asText()).isPresent()) {
            return root;
        }
        Optional<String> library = BundledLibrary.text(ext.asText());
        if (library.isEmpty()) {
            return root; // base() says it is neither a built-in vendor nor a library name
        }
        for (String key : List.of("org", "version")) {
            if (!root.has(key)) {
                errors.add(key, "required: the org's own, to enable '" + ext.asText() + "'");
            }
        }
        try {
            JsonNode lib = YAML.readTree(library.get());
            return LibraryExtension.merge((ObjectNode) lib, root);
        } catch (JsonProcessingException | ClassCastException e) {
            errors.add("extends", "the library configuration '" + ext.asText() + "' is unreadable");
            return root;
        }
    }

    /** The compiled parser, or null when there were errors. */
    private CompiledParser compile(JsonNode root) {
        unknownTopKeys(root);
        BuiltInBase base = base(root); // first: an unknown name under extends explains the rest
        String name = parserName(root);
        String org = orgId(root);
        long version = version(root);
        boolean extending = root.has("extends");
        String eventClass = extending && !root.has("class") ? null : name(root, "class");
        int classUid = classUid(root, extending, eventClass);
        String category = category(root, extending, eventClass);
        String product = scalar(root, "product", extending ? null : name, "");
        EachArray each = each(root, extending);
        ValuePath[] recognize = recognize(root.path("recognize"));
        Mappings fields = fields(root.path("fields"), extending);
        WhenCases when =
                new WhenCompiler(
                                errors,
                                this::path,
                                ParserCompiler::categoryOfClass,
                                fields.targets())
                        .compile(root.path("when"));
        fanOutCost(each);
        if (!errors.isEmpty()) {
            return null;
        }
        return new CompiledParser(
                name,
                org,
                version,
                product,
                eventClass,
                classUid,
                category,
                recognize,
                fields.time,
                fields.timeFormat,
                fields.actor,
                fields.mappings.toArray(new FieldMapping[0]),
                fields.setters(),
                base,
                new CompiledParser.PerElement(each, when, fields.uidFromRecord()));
    }

    /** The fan-out, or null; not with a built-in base, which makes its own events. */
    private EachArray each(JsonNode root, boolean extending) {
        JsonNode spec = root.get("each");
        if (spec == null) {
            return null;
        }
        if (extending) {
            errors.add("each", "a configuration that extends a built-in vendor cannot fan out");
            return null;
        }
        fansOut = true;
        return EachArray.compile(spec, errors);
    }

    /** A fan-out repeats every regex per element: the whole record's regex work stays bounded. */
    private void fanOutCost(EachArray each) {
        if (each != null && regexSteps * each.max() > EachArray.MAX_REGEX_STEPS_PER_FANOUT) {
            errors.add(
                    "each.max",
                    String.format(
                            "%d elements x %,d regex steps per event could cost %,d steps per"
                                    + " record, at most %,d: lower max or use fewer or smaller"
                                    + " regexes",
                            each.max(),
                            regexSteps,
                            regexSteps * each.max(),
                            EachArray.MAX_REGEX_STEPS_PER_FANOUT));
        }
    }

    static String categoryOfClass(String eventClass) {
        return CATEGORY_OF_CLASS.getOrDefault(eventClass, "other");
    }

    private void unknownTopKeys(JsonNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                errors.add(k, "unknown key (known: " + String.join(", ", new TreeSet<>(TOP)) + ")");
            }
        }
    }

    /** The parser's name, which may not be a built-in vendor's or 'auto'. */
    private String parserName(JsonNode root) {
        String name = name(root, "parser");
        if (name != null && VendorRegistry.builtIn().byName(name).isPresent()) {
            errors.add("parser", "'" + name + "' is a built-in vendor; choose another name");
        }
        if (VendorRegistry.AUTO.equals(name)) {
            errors.add("parser", "'auto' is reserved");
        }
        return name;
    }

    /** The positive version, or 0 (an error). */
    private long version(JsonNode root) {
        long version =
                root.path("version").canConvertToLong() && root.path("version").asLong() > 0
                        ? root.path("version").asLong()
                        : 0;
        if (version == 0) {
            errors.add(
                    "version",
                    "a positive whole number is required (a newer version replaces an older one)");
        }
        return version;
    }

    /** The OCSF class id; -1 when an extension keeps the built-in's class and its class_uid. */
    private int classUid(JsonNode root, boolean extending, String eventClass) {
        int keepBuiltIns = extending && eventClass == null ? -1 : 0;
        int classUid = root.has("class_uid") ? root.path("class_uid").asInt(-1) : keepBuiltIns;
        if (root.has("class_uid") && classUid < 0) {
            errors.add("class_uid", "a whole number (the OCSF class id) is expected");
        }
        return classUid;
    }

    /** The category given, else the class's; null when an extension keeps the built-in's. */
    private String category(JsonNode root, boolean extending, String eventClass) {
        String category = scalar(root, "category", null, "");
        if (category == null && (!extending || eventClass != null)) {
            category = eventClass == null ? "other" : categoryOfClass(eventClass);
        }
        return category;
    }

    /**
     * The built-in vendor under {@code extends} with the renames, or null (an error when unknown).
     */
    private BuiltInBase base(JsonNode root) {
        JsonNode vendor = root.get("extends");
        if (vendor == null) {
            if (root.has("rename")) {
                errors.add(
                        "rename",
                        "renames belong to a configuration that extends a built-in vendor "
                                + "(extends: zscaler)");
            }
            return null;
        }
        VendorRegistry builtIns = VendorRegistry.builtIn();
        Optional<VendorNormalizer> builtIn =
                vendor.isTextual() ? builtIns.byName(vendor.asText()) : Optional.empty();
        if (builtIn.isEmpty()) {
            errors.add(
                    "extends",
                    "'"
                            + vendor.asText()
                            + "' is neither a built-in vendor ("
                            + String.join(", ", new TreeSet<>(builtIns.names()))
                            + ") nor a configuration of the parsers library ("
                            + String.join(", ", BundledLibrary.names())
                            + ")");
        }
        Renames renames = Renames.compile(root.get("rename"), errors);
        return builtIn.map(n -> new BuiltInBase(vendor.asText(), n, renames)).orElse(null);
    }

    private ValuePath[] recognize(JsonNode rec) {
        List<ValuePath> recognize = new ArrayList<>();
        if (!rec.isMissingNode() && !rec.isArray()) {
            errors.add("recognize", "a list of paths is expected");
        }
        for (int i = 0; rec.isArray() && i < rec.size(); i++) {
            ValuePath p = path(rec.get(i), "recognize[" + i + "]");
            if (p != null) { // an @ path (with each) reads the first element
                recognize.add(p);
            }
        }
        return recognize.toArray(new ValuePath[0]);
    }

    /** The mapped fields of a configuration, event_time and actor apart. */
    private static final class Mappings {
        FieldMapping time;
        TimeFormat timeFormat;
        FieldMapping actor;
        final List<FieldMapping> mappings = new ArrayList<>();
        final List<BiConsumer<SecurityEvent, String>> setters = new ArrayList<>();

        Set<String> targets() {
            Set<String> targets = new HashSet<>();
            mappings.forEach(m -> targets.add(m.target));
            return targets;
        }

        /** Whether event_uid is mapped from the record only (so elements' uids need a suffix). */
        boolean uidFromRecord() {
            return mappings.stream()
                    .anyMatch(m -> "event_uid".equals(m.target) && !m.readsElement());
        }

        @SuppressWarnings({"unchecked", "rawtypes"}) // Java has no generic array creation
        BiConsumer<SecurityEvent, String>[] setters() {
            return setters.toArray(new BiConsumer[0]);
        }
    }

    /**
     * The {@code fields} mapping: required (with event_time and actor) unless the configuration
     * extends a built-in.
     */
    private Mappings fields(JsonNode fields, boolean extending) {
        Mappings out = new Mappings();
        if (extending && fields.isMissingNode()) {
            return out;
        }
        if (!fields.isObject() || (fields.size() == 0 && !extending)) {
            errors.add(
                    "fields",
                    extending
                            ? "a mapping of schema fields is expected"
                            : "a mapping of schema fields is required (at least event_time and"
                                    + " actor)");
            return out;
        }
        if (fields.size() > MAX_FIELDS) {
            errors.add("fields", "at most " + MAX_FIELDS + " fields");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            field(f.getKey(), f.getValue(), out);
        }
        if (!extending && !fields.has("event_time")) {
            errors.add("fields.event_time", "required (where the event's time is, and its format)");
        }
        if (!extending
                && !fields.has("actor")
                && !fields.has("actor_email")
                && !fields.has("actor_user_name")) {
            errors.add("fields.actor", "required (or actor_email / actor_user_name): who did it");
        }
        return out;
    }

    private void field(String target, JsonNode spec, Mappings out) {
        String where = "fields." + target;
        FieldMapping m = mapping(target, spec, where);
        if ("event_time".equals(target)) {
            out.time = m;
            out.timeFormat = timeFormat(spec, where);
            return;
        }
        if ("actor".equals(target)) {
            out.actor = m;
            return;
        }
        if (spec.has("format") || spec.has("time_zone")) {
            errors.add(where, "format and time_zone belong to event_time only");
        }
        if (NOT_SETTABLE.contains(target)) {
            errors.add(where, "set by the job or by the top-level keys, not by a mapping");
            return;
        }
        var setter = EventSchema.setter(target);
        if (setter.isEmpty()) {
            errors.add(
                    where,
                    "not a string field of the event schema (see docs/schema.md); "
                            + "event_time and actor are the special ones");
        } else if (m != null) {
            out.mappings.add(m);
            out.setters.add(setter.get());
        }
    }

    private FieldMapping mapping(String target, JsonNode spec, String where) {
        if (!spec.isObject()) {
            errors.add(
                    where, "expected {path: ...} or {value: ...}, with an optional transform list");
            return null;
        }
        for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FIELD_KEYS.contains(k)) {
                errors.add(
                        where + "." + k,
                        "unknown key (path, paths, value, transform, required, format, time_zone)");
            }
        }
        int sources =
                (spec.has("path") ? 1 : 0)
                        + (spec.has("paths") ? 1 : 0)
                        + (spec.has("value") ? 1 : 0);
        if (sources != 1) {
            errors.add(where, "exactly one of path, paths (first present wins) or value");
            return null;
        }
        List<ValuePath> paths = paths(spec, where);
        String constant = scalar(spec, "value", null, where);
        if (spec.has("value") && (spec.get("value").isNull() || "".equals(constant))) {
            errors.add(where + ".value", "a text, number or boolean is expected");
        }
        boolean required = false;
        if (spec.has("required")) {
            if (!spec.get("required").isBoolean()) {
                errors.add(where + ".required", "true or false");
            }
            required = spec.get("required").asBoolean(false);
        }
        List<Transform> steps = steps(spec.path("transform"), where + ".transform");
        return new FieldMapping(
                target,
                paths.toArray(new ValuePath[0]),
                constant,
                steps.toArray(new Transform[0]),
                required);
    }

    /**
     * The mapping's {@code path}, or its {@code paths} (first present wins); none for a {@code
     * value}.
     */
    private List<ValuePath> paths(JsonNode spec, String where) {
        List<ValuePath> paths = new ArrayList<>();
        if (spec.has("path")) {
            ValuePath p = path(spec.get("path"), where + ".path");
            if (p != null) {
                paths.add(p);
            }
        } else if (spec.has("paths")) {
            JsonNode list = spec.get("paths");
            if (!list.isArray() || list.size() == 0 || list.size() > 8) {
                errors.add(where + ".paths", "a list of 1 to 8 paths");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    ValuePath p = path(list.get(i), where + ".paths[" + i + "]");
                    if (p != null) {
                        paths.add(p);
                    }
                }
            }
        }
        return paths;
    }

    /** The transform list, each step checked; missing is none. */
    private List<Transform> steps(JsonNode transform, String where) {
        List<Transform> steps = new ArrayList<>();
        if (transform.isMissingNode()) {
            return steps;
        }
        if (!transform.isArray() || transform.size() > MAX_STEPS) {
            errors.add(where, "a list of at most " + MAX_STEPS + " steps");
            return steps;
        }
        for (int i = 0; i < transform.size(); i++) {
            Transform t = step(transform.get(i), where + "[" + i + "]");
            if (t != null) {
                steps.add(t);
            }
        }
        return steps;
    }

    private Transform step(JsonNode step, String where) {
        if (step.isTextual()) {
            return namedStep(step.asText(), where);
        }
        if (step.has("split")) {
            return splitStep(step, where);
        }
        if (step.has("regex")) {
            return regex(scalar(step, "regex", "", where), where);
        }
        if (step.has("map")) {
            return mapStep(step, where);
        }
        errors.add(
                where,
                "expected lower, upper, trim, {split: SEP, index: N}, {regex: RE2} or {map: {...},"
                        + " default: V}");
        return null;
    }

    /** lower, upper or trim; null (an error) for any other name. */
    private Transform namedStep(String name, String where) {
        switch (name) {
            case "lower":
                return Transform.lower();
            case "upper":
                return Transform.upper();
            case "trim":
                return Transform.trim();
            default:
                errors.add(
                        where,
                        "unknown transform '"
                                + name
                                + "' (lower, upper, trim, {split}, {regex}, {map})");
                return null;
        }
    }

    /** {@code {split: SEP, index: N}}. */
    private Transform splitStep(JsonNode step, String where) {
        String sep = scalar(step, "split", "", where);
        if (sep.isEmpty() || !step.path("index").canConvertToInt()) {
            errors.add(
                    where,
                    "split needs a separator and a whole-number index, e.g. {split: ',', index:"
                            + " 0}");
            return null;
        }
        return Transform.split(sep, step.get("index").asInt());
    }

    /** {@code {map: {...}, default: V}}: every value a text, number or boolean. */
    private Transform mapStep(JsonNode step, String where) {
        JsonNode map = step.get("map");
        if (!map.isObject() || map.size() > MAX_MAP_ENTRIES) {
            errors.add(where, "map is a mapping of at most " + MAX_MAP_ENTRIES + " values");
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                errors.add(where + ".map." + e.getKey(), "a text, number or boolean is expected");
            }
            values.put(e.getKey(), e.getValue().asText());
        }
        return Transform.map(values, scalar(step, "default", null, where));
    }

    private TimeFormat timeFormat(JsonNode spec, String where) {
        if (!spec.isObject()) {
            return null; // reported by mapping()
        }
        String zone = scalar(spec, "time_zone", null, where);
        boolean zoneKnown = true;
        try {
            ZoneId.of(zone == null ? "UTC" : zone);
        } catch (RuntimeException e) {
            errors.add(
                    where + ".time_zone",
                    e.getMessage() + " (a region like Europe/Berlin, or an offset like +02:00)");
            zoneKnown = false;
        }
        try {
            TimeFormat format =
                    TimeFormat.of(scalar(spec, "format", null, where), zoneKnown ? zone : null);
            return zoneKnown ? format : null;
        } catch (RuntimeException e) {
            errors.add(
                    where + ".format",
                    "iso8601, epoch_seconds, epoch_millis, epoch_micros, epoch_nanos or a java.time"
                            + " pattern like 'dd/MM/yyyy HH:mm:ss': "
                            + e.getMessage());
            return null;
        }
    }

    /**
     * RE2 through the {@link RegexGate} (pattern length, program size estimated before RE2/J
     * compiles it), and the regex work of one record bounded for the whole configuration.
     */
    private Transform regex(String re, String where) {
        if (re.isEmpty()) {
            errors.add(where, "a regex of 1 to " + Transform.MAX_REGEX_CHARS + " characters");
            return null;
        }
        GatedRegex gated;
        try {
            gated = RegexGate.shared().compile(re);
        } catch (RegexRejectedException e) {
            errors.add(where, e.getMessage());
            return null;
        }
        regexSteps += gated.worstCaseSteps();
        if (regexSteps > Transform.MAX_REGEX_STEPS_PER_RECORD) {
            errors.add(
                    where,
                    String.format(
                            "the regexes of this configuration could cost up to %,d steps per"
                                + " record (program sizes x %,d characters read), at most %,d: use"
                                + " fewer or smaller regexes",
                            regexSteps,
                            Transform.MAX_REGEX_INPUT,
                            Transform.MAX_REGEX_STEPS_PER_RECORD));
            return null;
        }
        return Transform.regex(gated);
    }

    private ValuePath path(JsonNode node, String where) {
        if (!node.isTextual()) {
            errors.add(where, "a path like a.b[0].c is expected");
            return null;
        }
        try {
            ValuePath p = ValuePath.compile(node.asText());
            if (p.fromElement() && !fansOut) {
                errors.add(
                        where,
                        "'"
                                + p
                                + "' reads an element of each: and this configuration has no"
                                + " each");
                return null;
            }
            return p;
        } catch (IllegalArgumentException e) {
            errors.add(where, e.getMessage());
            return null;
        }
    }

    /**
     * The one org-id pattern ({@link OrgIds}): a configuration can only be filed under a valid
     * tenant name.
     */
    private String orgId(JsonNode root) {
        JsonNode n = root.get("org");
        String value = n == null || !n.isValueNode() ? null : n.asText();
        String problem = OrgIds.problem(value);
        if (problem != null) {
            errors.add("org", problem);
            return null;
        }
        return value;
    }

    /** Whether {@code name} may name a parser (and so a vendor, as a drop folder does). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private String name(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.isValueNode() || !NAME.matcher(n.asText()).matches()) {
            errors.add(key, "required, lower-case letters, digits, - and _ (at most 48)");
            return null;
        }
        return n.asText();
    }

    /**
     * A key's value as text when it is a text, number or boolean; {@code otherwise} when absent or
     * null; an error (at {@code where.key}) for a list or mapping.
     */
    private String scalar(JsonNode spec, String key, String otherwise, String where) {
        JsonNode v = spec.get(key);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isValueNode()) {
            errors.add(
                    where.isEmpty() ? key : where + "." + key,
                    "a text, number or boolean is expected");
            return otherwise;
        }
        return v.asText();
    }
}
