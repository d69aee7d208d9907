package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.SecurityEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads a customer's parsing configuration (YAML or JSON), checks all of it (one error per problem,
 * each naming its place, e.g. {@code fields.action.transform[1]}), bounds its cost, and compiles it
 * into a {@link CompiledParser}. The configuration is untrusted input: it can name only its own org,
 * cannot replace a built-in vendor, and cannot set the org or vendor of an event.
 *
 * <pre>
 * parser: mimecast-email          # the vendor name in drop folders and stream tags
 * org: acme
 * version: 1
 * product: Mimecast Email Security
 * class: email                    # class_uid and category optional
 * recognize: [id, senderAddress]  # for vendor auto: paths every record of this feed has
 * fields:
 *   event_time: {path: datetime, format: iso8601}   # or epoch_seconds, epoch_millis, a pattern (+ time_zone)
 *   actor: {path: recipientAddress}                 # email, DOMAIN\\user or a user name
 *   email_sender: {path: senderAddress, transform: [trim, lower]}
 *   action: {path: action, transform: [{map: {Hold: blocked, Accept: allowed}, default: unknown}]}
 *   severity: {value: medium}
 * </pre>
 */
public final class ParserCompiler {
    public static final int MAX_CONFIG_CHARS = 64 * 1024;
    public static final int MAX_FIELDS = 64;
    public static final int MAX_STEPS = 8;
    public static final int MAX_MAP_ENTRIES = 1000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,47}");
    private static final Set<String> TOP = Set.of("parser", "org", "version", "product", "class", "class_uid", "category",
            "recognize", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("path", "paths", "value", "transform", "format", "time_zone");
    private static final Set<String> NOT_SETTABLE = Set.of("org_id", "vendor", "class", "product", "category");
    private static final Map<String, String> CATEGORY_OF_CLASS = Map.of("auth", "identity", "web", "network",
            "email", "network", "network", "network", "endpoint", "system", "dlp", "findings", "detection", "findings");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ParserCompiler() {}

    public static CompiledParser compile(String text, String source) throws ParserConfigException {
        if (text == null || text.length() > MAX_CONFIG_CHARS) {
            throw new ParserConfigException(List.of(source + ": a parsing configuration is at most " + MAX_CONFIG_CHARS + " characters"));
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at " + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new ParserConfigException(List.of(source + ": not valid YAML/JSON" + at + ": " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ParserConfigException(List.of(source + ": expected a mapping with parser, org, version, class and fields"));
        }
        List<String> errors = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                errors.add(k + ": unknown key (known: " + String.join(", ", new java.util.TreeSet<>(TOP)) + ")");
            }
        }
        String name = name(root, "parser", errors);
        if (name != null && VendorRegistry.builtIn().byName(name).isPresent()) {
            errors.add("parser: '" + name + "' is a built-in vendor; choose another name");
        }
        if (VendorRegistry.AUTO.equals(name)) {
            errors.add("parser: 'auto' is reserved");
        }
        String org = name(root, "org", errors);
        long version = root.path("version").canConvertToLong() && root.path("version").asLong() > 0 ? root.path("version").asLong() : 0;
        if (version == 0) {
            errors.add("version: a positive whole number is required (a newer version replaces an older one)");
        }
        String eventClass = name(root, "class", errors);
        int classUid = root.has("class_uid") ? root.path("class_uid").asInt(-1) : 0;
        if (classUid < 0) {
            errors.add("class_uid: a whole number (the OCSF class id) is expected");
        }
        String category = root.hasNonNull("category") ? root.get("category").asText()
                : CATEGORY_OF_CLASS.getOrDefault(eventClass, "other");
        String product = root.hasNonNull("product") ? root.get("product").asText() : name;

        List<ValuePath> recognize = new ArrayList<>();
        JsonNode rec = root.path("recognize");
        if (!rec.isMissingNode() && !rec.isArray()) {
            errors.add("recognize: a list of paths is expected");
        }
        for (int i = 0; rec.isArray() && i < rec.size(); i++) {
            try {
                recognize.add(ValuePath.compile(rec.get(i).asText()));
            } catch (IllegalArgumentException e) {
                errors.add("recognize[" + i + "]: " + e.getMessage());
            }
        }

        JsonNode fields = root.path("fields");
        FieldMapping time = null;
        TimeFormat timeFormat = null;
        FieldMapping actor = null;
        List<FieldMapping> mappings = new ArrayList<>();
        List<BiConsumer<SecurityEvent, String>> setters = new ArrayList<>();
        if (!fields.isObject() || fields.size() == 0) {
            errors.add("fields: a mapping of schema fields is required (at least event_time and actor)");
        } else if (fields.size() > MAX_FIELDS) {
            errors.add("fields: at most " + MAX_FIELDS + " fields");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String where = "fields." + f.getKey();
                FieldMapping m = mapping(f.getKey(), f.getValue(), where, errors);
                switch (f.getKey()) {
                    case "event_time":
                        time = m;
                        try {
                            timeFormat = TimeFormat.of(text(f.getValue(), "format"), text(f.getValue(), "time_zone"));
                        } catch (RuntimeException e) {
                            errors.add(where + ": " + e.getMessage());
                        }
                        break;
                    case "actor":
                        actor = m;
                        break;
                    default:
                        if (f.getValue().has("format") || f.getValue().has("time_zone")) {
                            errors.add(where + ": format and time_zone belong to event_time only");
                        }
                        if (NOT_SETTABLE.contains(f.getKey())) {
                            errors.add(where + ": set by the job or by the top-level keys, not by a mapping");
                            break;
                        }
                        var setter = EventSchema.setter(f.getKey());
                        if (setter.isEmpty()) {
                            errors.add(where + ": not a string field of the event schema (see docs/schema.md); "
                                    + "event_time and actor are the special ones");
                        } else if (m != null) {
                            mappings.add(m);
                            setters.add(setter.get());
                        }
                }
            }
            if (!fields.has("event_time")) {
                errors.add("fields.event_time: required (where the event's time is, and its format)");
            }
            if (!fields.has("actor") && !fields.has("actor_email") && !fields.has("actor_user_name")) {
                errors.add("fields.actor: required (or actor_email / actor_user_name): who did it");
            }
        }
        if (!errors.isEmpty()) {
            List<String> located = new ArrayList<>();
            errors.forEach(e -> located.add(source + ": " + e));
            throw new ParserConfigException(located);
        }
        @SuppressWarnings("unchecked")
        BiConsumer<SecurityEvent, String>[] setterArray = setters.toArray(new BiConsumer[0]);
        return new CompiledParser(name, org, version, product, eventClass, classUid, category,
                recognize.toArray(new ValuePath[0]), time, timeFormat, actor, mappings.toArray(new FieldMapping[0]), setterArray);
    }

    /** The org and parser name a configuration text names, when readable, even if invalid (for its status). */
    public static String[] peekOrgAndName(String text) {
        return io.securitycoach.rules.RuleParser.peek(text, "org", "parser");
    }

    private static FieldMapping mapping(String target, JsonNode spec, String where, List<String> errors) {
        if (!spec.isObject()) {
            errors.add(where + ": expected {path: ...} or {value: ...}, with an optional transform list");
            return null;
        }
        for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FIELD_KEYS.contains(k)) {
                errors.add(where + "." + k + ": unknown key (path, paths, value, transform, format, time_zone)");
            }
        }
        int sources = (spec.has("path") ? 1 : 0) + (spec.has("paths") ? 1 : 0) + (spec.has("value") ? 1 : 0);
        if (sources != 1) {
            errors.add(where + ": exactly one of path, paths (first present wins) or value");
            return null;
        }
        List<ValuePath> paths = new ArrayList<>();
        List<String> rawPaths = new ArrayList<>();
        if (spec.has("path")) {
            rawPaths.add(spec.get("path").asText());
        } else if (spec.has("paths")) {
            if (!spec.get("paths").isArray() || spec.get("paths").size() == 0 || spec.get("paths").size() > 8) {
                errors.add(where + ".paths: a list of 1 to 8 paths");
            } else {
                spec.get("paths").forEach(p -> rawPaths.add(p.asText()));
            }
        }
        for (String p : rawPaths) {
            try {
                paths.add(ValuePath.compile(p));
            } catch (IllegalArgumentException e) {
                errors.add(where + ".path: " + e.getMessage());
            }
        }
        String constant = spec.has("value") ? spec.get("value").asText() : null;
        List<Transform> steps = new ArrayList<>();
        JsonNode transform = spec.path("transform");
        if (!transform.isMissingNode()) {
            if (!transform.isArray() || transform.size() > MAX_STEPS) {
                errors.add(where + ".transform: a list of at most " + MAX_STEPS + " steps");
            } else {
                for (int i = 0; i < transform.size(); i++) {
                    Transform t = step(transform.get(i), where + ".transform[" + i + "]", errors);
                    if (t != null) {
                        steps.add(t);
                    }
                }
            }
        }
        return new FieldMapping(target, paths.toArray(new ValuePath[0]), constant, steps.toArray(new Transform[0]));
    }

    private static Transform step(JsonNode step, String where, List<String> errors) {
        if (step.isTextual()) {
            switch (step.asText()) {
                case "lower": return Transform.lower();
                case "upper": return Transform.upper();
                case "trim": return Transform.trim();
                default:
                    errors.add(where + ": unknown transform '" + step.asText() + "' (lower, upper, trim, {split}, {regex}, {map})");
                    return null;
            }
        }
        if (step.has("split")) {
            String sep = step.get("split").asText();
            if (sep.isEmpty() || !step.path("index").canConvertToInt()) {
                errors.add(where + ": split needs a separator and a whole-number index, e.g. {split: ',', index: 0}");
                return null;
            }
            return Transform.split(sep, step.get("index").asInt());
        }
        if (step.has("regex")) {
            String re = step.get("regex").asText();
            if (re.length() > Transform.MAX_REGEX_CHARS) {
                errors.add(where + ": regex longer than " + Transform.MAX_REGEX_CHARS + " characters");
                return null;
            }
            try {
                return Transform.regex(re);
            } catch (RuntimeException e) {
                errors.add(where + ": invalid RE2 regex: " + e.getMessage());
                return null;
            }
        }
        if (step.has("map")) {
            JsonNode map = step.get("map");
            if (!map.isObject() || map.size() > MAX_MAP_ENTRIES) {
                errors.add(where + ": map is a mapping of at most " + MAX_MAP_ENTRIES + " values");
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            map.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            return Transform.map(values, step.hasNonNull("default") ? step.get("default").asText() : null);
        }
        errors.add(where + ": expected lower, upper, trim, {split: SEP, index: N}, {regex: RE2} or {map: {...}, default: V}");
        return null;
    }

    private static String name(JsonNode root, String key, List<String> errors) {
        JsonNode n = root.get(key);
        if (n == null || !n.isValueNode() || !NAME.matcher(n.asText()).matches()) {
            errors.add(key + ": required, lower-case letters, digits, - and _ (at most 48)");
            return null;
        }
        return n.asText();
    }

    private static String text(JsonNode spec, String key) {
        return spec.hasNonNull(key) ? spec.get(key).asText() : null;
    }
}
