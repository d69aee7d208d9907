package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.validation.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Checks and compiles a configuration's {@code when:} list into {@link WhenCases}: at most {@value
 * WhenCases#MAX_CASES} cases of at most {@value WhenCases#MAX_CONDITIONS} conditions and {@value
 * WhenCases#MAX_SETS} fields each, at most {@value ParserCompiler#MAX_MAP_ENTRIES} listed values in
 * all, so a record costs at most a few hundred path reads and set lookups here.
 */
final class WhenCompiler {
    private final Problems errors;
    private final BiFunction<JsonNode, String, ValuePath> paths;
    private final Function<String, String> categoryOfClass;
    private final Set<String> mappedFields;
    private int listedValues;

    /**
     * @param paths compiles a path node at a place (adding an error and returning null when bad)
     * @param categoryOfClass the category a class implies
     * @param mappedFields the targets of {@code fields}: a field has one source, not two
     */
    WhenCompiler(
            Problems errors,
            BiFunction<JsonNode, String, ValuePath> paths,
            Function<String, String> categoryOfClass,
            Set<String> mappedFields) {
        this.errors = errors;
        this.paths = paths;
        this.categoryOfClass = categoryOfClass;
        this.mappedFields = mappedFields;
    }

    /** The cases, or null when absent or invalid (errors added). */
    WhenCases compile(JsonNode when) {
        if (when.isMissingNode()) {
            return null;
        }
        if (!when.isArray() || when.size() == 0 || when.size() > WhenCases.MAX_CASES) {
            errors.add("when", "a list of 1 to " + WhenCases.MAX_CASES + " cases {if, then}");
            return null;
        }
        int before = errors.size();
        List<WhenCases.Case> cases = new ArrayList<>();
        for (int i = 0; i < when.size(); i++) {
            WhenCases.Case c = compileCase(when.get(i), "when[" + i + "]", i == when.size() - 1);
            if (c != null) {
                cases.add(c);
            }
        }
        return errors.size() > before ? null : new WhenCases(cases.toArray(new WhenCases.Case[0]));
    }

    private WhenCases.Case compileCase(JsonNode spec, String where, boolean last) {
        if (!spec.isObject() || !spec.has("then")) {
            errors.add(where, "expected {if: {path: value or [values]}, then: {field: value}}");
            return null;
        }
        for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!"if".equals(k) && !"then".equals(k)) {
                errors.add(where + "." + k, "unknown key (if, then)");
            }
        }
        if (!spec.has("if") && !last) {
            errors.add(where, "only the last case may leave out 'if' (it is the default)");
        }
        List<ValuePath> condPaths = new ArrayList<>();
        List<Set<String>> allowed = new ArrayList<>();
        conditions(spec.path("if"), where + ".if", condPaths, allowed);
        List<BiConsumer<SecurityEvent, String>> setters = new ArrayList<>();
        List<String> values = new ArrayList<>();
        sets(spec.get("then"), where + ".then", setters, values);
        return newCase(condPaths, allowed, setters, values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // Java has no generic array creation
    private static WhenCases.Case newCase(
            List<ValuePath> condPaths,
            List<Set<String>> allowed,
            List<BiConsumer<SecurityEvent, String>> setters,
            List<String> values) {
        return new WhenCases.Case(
                condPaths.toArray(new ValuePath[0]),
                allowed.toArray(new Set[0]),
                setters.toArray(new BiConsumer[0]),
                values.toArray(new String[0]));
    }

    /** {@code if}: path -> a value or a list of values; missing means always (the default). */
    private void conditions(
            JsonNode spec, String where, List<ValuePath> condPaths, List<Set<String>> allowed) {
        if (spec.isMissingNode()) {
            return;
        }
        if (!spec.isObject() || spec.size() == 0 || spec.size() > WhenCases.MAX_CONDITIONS) {
            errors.add(
                    where,
                    "a mapping of 1 to "
                            + WhenCases.MAX_CONDITIONS
                            + " conditions (path: value or [values])");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            String at = where + "." + c.getKey();
            ValuePath p = paths.apply(TextNode.valueOf(c.getKey()), at);
            Set<String> values = values(c.getValue(), at);
            if (p != null && values != null) {
                condPaths.add(p);
                allowed.add(values);
            }
        }
    }

    /** A value or a non-empty list of values, each a non-empty text, number or boolean. */
    private Set<String> values(JsonNode spec, String where) {
        List<JsonNode> given = new ArrayList<>();
        if (spec.isArray()) {
            spec.elements().forEachRemaining(given::add);
        } else {
            given.add(spec);
        }
        listedValues += given.size();
        if (listedValues > ParserCompiler.MAX_MAP_ENTRIES) {
            errors.add(
                    where,
                    "at most " + ParserCompiler.MAX_MAP_ENTRIES + " listed values in all cases");
            return null;
        }
        Set<String> values = new HashSet<>();
        for (JsonNode v : given) {
            if (!v.isValueNode() || v.isNull() || v.asText().isEmpty()) {
                errors.add(
                        where,
                        "a text, number or boolean, or a list of them, is expected (absence"
                                + " never matches: a verdict is not read from a missing value)");
                return null;
            }
            values.add(v.asText());
        }
        return given.isEmpty() ? rejectEmpty(where) : values;
    }

    private Set<String> rejectEmpty(String where) {
        errors.add(where, "an empty list matches nothing");
        return null;
    }

    /** {@code then}: schema field -> value, plus class (which sets its category) and class_uid. */
    private void sets(
            JsonNode spec,
            String where,
            List<BiConsumer<SecurityEvent, String>> setters,
            List<String> values) {
        if (!spec.isObject() || spec.size() == 0 || spec.size() > WhenCases.MAX_SETS) {
            errors.add(where, "a mapping of 1 to " + WhenCases.MAX_SETS + " field: value");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            String at = where + "." + s.getKey();
            JsonNode v = s.getValue();
            if (!v.isValueNode() || v.isNull() || v.asText().isEmpty()) {
                errors.add(at, "a text, number or boolean is expected");
                continue;
            }
            BiConsumer<SecurityEvent, String> setter = setter(s.getKey(), v, at);
            if (setter != null) {
                setters.add(setter);
                values.add(v.asText());
            }
        }
    }

    private BiConsumer<SecurityEvent, String> setter(String target, JsonNode v, String at) {
        if ("class".equals(target)) {
            if (!ParserCompiler.isValidName(v.asText())) {
                errors.add(at, "lower-case letters, digits, - and _ (at most 48)");
                return null;
            }
            String category = categoryOfClass.apply(v.asText());
            return (e, c) -> {
                e.eventClass = c;
                e.category = category;
            };
        }
        if ("class_uid".equals(target)) {
            if (!v.canConvertToInt() || v.asInt() < 0) {
                errors.add(at, "a whole number (the OCSF class id) is expected");
                return null;
            }
            int uid = v.asInt();
            return (e, c) -> e.classUid = uid;
        }
        if (mappedFields.contains(target)) {
            errors.add(at, "'" + target + "' is also under fields: give a field one source");
            return null;
        }
        if (ParserCompiler.NOT_SETTABLE.contains(target) || EventSchema.setter(target).isEmpty()) {
            errors.add(
                    at,
                    "not a field a case can set (class, class_uid, or a string field of the"
                            + " event schema other than org_id, vendor, product, category)");
            return null;
        }
        return EventSchema.setter(target).get();
    }
}
