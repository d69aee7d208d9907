package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.validation.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The renames of a configuration that extends a built-in vendor: each record path's value moves to
 * the name the built-in reads ({@code usr: login}). All sources are read first, so a swap works; a
 * source inside an array is copied rather than moved. The record is never changed: the objects on
 * the way to a changed field are copied (a few small objects per record, not the whole record).
 */
final class Renames {
    static final int MAX_RENAMES = 64;
    static final Renames NONE = new Renames(new ValuePath[0], new String[0][]);

    private final ValuePath[] from;
    private final String[][] to;

    private Renames(ValuePath[] from, String[][] to) {
        this.from = from;
        this.to = to;
    }

    /** The renames under {@code rename}, each problem reported at {@code rename.<path>}. */
    static Renames compile(JsonNode spec, Problems errors) {
        if (spec == null || spec.isNull()) {
            return NONE;
        }
        if (!spec.isObject() || spec.size() > MAX_RENAMES) {
            errors.add(
                    "rename",
                    "a mapping of at most "
                            + MAX_RENAMES
                            + " record paths to the names the built-in reads");
            return NONE;
        }
        List<ValuePath> from = new ArrayList<>();
        List<String[]> to = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "rename." + e.getKey();
            ValuePath source = compilePath(e.getKey(), where, errors);
            String[] target = target(e.getValue(), where, errors);
            if (target != null && !targets.add(String.join(".", target))) {
                errors.add(
                        where,
                        "'" + e.getValue().asText() + "' is the target of another rename too");
            } else if (source != null && target != null) {
                from.add(source);
                to.add(target);
            }
        }
        return new Renames(from.toArray(new ValuePath[0]), to.toArray(new String[0][]));
    }

    private static String[] target(JsonNode value, String where, Problems errors) {
        if (!value.isTextual()) {
            errors.add(
                    where,
                    "the name the built-in vendor reads (a field name or a.b path) is expected");
            return null;
        }
        ValuePath path = compilePath(value.asText(), where, errors);
        String[] names = path == null ? null : path.fieldNames();
        if (path != null && names == null) {
            errors.add(
                    where,
                    "a rename targets field names (a.b), not array elements: '"
                            + value.asText()
                            + "'");
        }
        return names;
    }

    private static ValuePath compilePath(String text, String where, Problems errors) {
        try {
            ValuePath path = ValuePath.compile(text);
            if (path.fromElement()) {
                errors.add(where, "a rename reads the record, not an each element (@)");
                return null;
            }
            return path;
        } catch (IllegalArgumentException e) {
            errors.add(where, e.getMessage());
            return null;
        }
    }

    int size() {
        return from.length;
    }

    /**
     * The record as the built-in vendor reads it: the same object when nothing is renamed in it.
     */
    JsonNode apply(JsonNode record) {
        if (from.length == 0 || !record.isObject()) {
            return record;
        }
        JsonNode[] values = new JsonNode[from.length];
        boolean any = false;
        for (int i = 0; i < from.length; i++) {
            JsonNode v = from[i].find(record);
            values[i] = v == null || v.isNull() ? null : v;
            any |= values[i] != null;
        }
        if (!any) {
            return record;
        }
        Copy copy = new Copy((ObjectNode) record);
        for (int i = 0; i < from.length; i++) {
            String[] names = values[i] == null ? null : from[i].fieldNames();
            if (names != null) {
                copy.remove(names);
            }
        }
        for (int i = 0; i < from.length; i++) {
            if (values[i] != null) {
                copy.put(to[i], values[i]);
            }
        }
        return copy.root;
    }

    /** Copy-on-write of a record: each object on the way to a changed field is copied once. */
    private static final class Copy {
        final ObjectNode root;
        private final Set<JsonNode> copied = Collections.newSetFromMap(new IdentityHashMap<>());

        Copy(ObjectNode record) {
            root = shallow(record);
        }

        void remove(String[] names) {
            ObjectNode parent = parent(names, false);
            if (parent != null) {
                parent.remove(names[names.length - 1]);
            }
        }

        void put(String[] names, JsonNode value) {
            parent(names, true).set(names[names.length - 1], value);
        }

        /**
         * The writable object holding the last name; created on the way when {@code create}, else
         * null if absent.
         */
        private ObjectNode parent(String[] names, boolean create) {
            ObjectNode node = root;
            for (int i = 0; i < names.length - 1; i++) {
                JsonNode child = node.get(names[i]);
                if (child == null || !child.isObject()) {
                    if (!create) {
                        return null;
                    }
                    child = JsonNodeFactory.instance.objectNode();
                    copied.add(child);
                } else if (!copied.contains(child)) {
                    child = shallow((ObjectNode) child);
                }
                node.set(names[i], child);
                node = (ObjectNode) child;
            }
            return node;
        }

        private ObjectNode shallow(ObjectNode original) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            copy.setAll(original);
            copied.add(copy);
            return copy;
        }
    }
}
