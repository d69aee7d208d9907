package io.securitycoach.schema;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The single definition of what rules can read: the fields of {@code event} and {@code user}, their
 * CEL types, and how each is read from the Java records. The CEL type declarations rules are
 * checked against and the values they are evaluated on are both derived from it.
 *
 * <p>Absent strings read as {@code ""} and absent numbers as {@code 0}, so a rule never fails on a
 * field a vendor did not send. Every value a rule reads is cut to the bounds of {@link RuleValues}.
 */
public final class EventSchema {
    public static final String EVENT_TYPE_NAME = "coach.Event";
    public static final String USER_TYPE_NAME = "coach.User";

    private static final List<Field<SecurityEvent>> EVENT_FIELDS =
            List.of(
                    string("org_id", e -> e.orgId, (e, v) -> e.orgId = v),
                    string("event_uid", e -> e.eventUid, (e, v) -> e.eventUid = v),
                    string("vendor", e -> e.vendor, (e, v) -> e.vendor = v),
                    string("product", e -> e.product, (e, v) -> e.product = v),
                    string("class", e -> e.eventClass, (e, v) -> e.eventClass = v),
                    integer("class_uid", e -> (long) e.classUid),
                    string("category", e -> e.category, (e, v) -> e.category = v),
                    string("activity", e -> e.activity, (e, v) -> e.activity = v),
                    string("action", e -> e.action, (e, v) -> e.action = v),
                    string("outcome", e -> e.outcome, (e, v) -> e.outcome = v),
                    string("severity", e -> e.severity, (e, v) -> e.severity = v),
                    integer("event_time", e -> e.eventTime),
                    string("message", e -> e.message, (e, v) -> e.message = v),
                    string("actor_email", e -> e.actorEmail, (e, v) -> e.actorEmail = v),
                    string("actor_user_name", e -> e.actorUserName, (e, v) -> e.actorUserName = v),
                    string("actor_domain", e -> e.actorDomain, (e, v) -> e.actorDomain = v),
                    string("actor_host", e -> e.actorHost, (e, v) -> e.actorHost = v),
                    string("actor_ip", e -> e.actorIp, (e, v) -> e.actorIp = v),
                    string(
                            "actor_display_name",
                            e -> e.actorDisplayName,
                            (e, v) -> e.actorDisplayName = v),
                    string("url", e -> e.url, (e, v) -> e.url = v),
                    string("url_host", e -> e.urlHost, (e, v) -> e.urlHost = v),
                    string("url_category", e -> e.urlCategory, (e, v) -> e.urlCategory = v),
                    string("app", e -> e.app, (e, v) -> e.app = v),
                    string("threat_name", e -> e.threatName, (e, v) -> e.threatName = v),
                    string("file_name", e -> e.fileName, (e, v) -> e.fileName = v),
                    string("file_type", e -> e.fileType, (e, v) -> e.fileType = v),
                    string("file_hash", e -> e.fileHash, (e, v) -> e.fileHash = v),
                    string("process_name", e -> e.processName, (e, v) -> e.processName = v),
                    string("command_line", e -> e.commandLine, (e, v) -> e.commandLine = v),
                    string("mitre_tactic", e -> e.mitreTactic, (e, v) -> e.mitreTactic = v),
                    string(
                            "mitre_technique",
                            e -> e.mitreTechnique,
                            (e, v) -> e.mitreTechnique = v),
                    string("email_sender", e -> e.emailSender, (e, v) -> e.emailSender = v),
                    string("email_subject", e -> e.emailSubject, (e, v) -> e.emailSubject = v),
                    string("dlp_profile", e -> e.dlpProfile, (e, v) -> e.dlpProfile = v),
                    new Field<>(
                            "raw",
                            MapType.create(SimpleType.STRING, SimpleType.STRING),
                            e -> e.raw == null ? Collections.emptyMap() : new RawValue(e.raw),
                            Collections.emptyMap()),
                    new Field<>("resolved", SimpleType.BOOL, e -> e.userId != null, false));

    private static final List<Field<UserProfile>> USER_FIELDS =
            List.of(
                    string("user_id", u -> u.userId),
                    string("email", u -> u.email),
                    string("first_name", u -> u.firstName),
                    string("last_name", u -> u.lastName),
                    string("department", u -> u.department),
                    string("title", u -> u.title),
                    string("location", u -> u.location),
                    string("manager_email", u -> u.managerEmail),
                    new Field<>(
                            "tags",
                            ListType.create(SimpleType.STRING),
                            u -> u.tags == null ? Collections.emptyList() : Arrays.asList(u.tags),
                            Collections.emptyList()));

    public static final StructType EVENT_TYPE = structOf(EVENT_TYPE_NAME, EVENT_FIELDS);
    public static final StructType USER_TYPE = structOf(USER_TYPE_NAME, USER_FIELDS);

    private static final Map<String, Object> UNKNOWN_USER = defaults(USER_FIELDS);
    private static final RecordValue.Shape<SecurityEvent> EVENT_SHAPE = shape(EVENT_FIELDS);
    private static final RecordValue.Shape<UserProfile> USER_SHAPE = shape(USER_FIELDS);

    private EventSchema() {}

    /** The types the CEL compiler resolves {@code event.x} and {@code user.x} against. */
    public static CelTypeProvider typeProvider() {
        return new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return ImmutableList.of(EVENT_TYPE, USER_TYPE);
            }

            @Override
            public Optional<CelType> findType(String typeName) {
                if (EVENT_TYPE_NAME.equals(typeName)) return Optional.of(EVENT_TYPE);
                if (USER_TYPE_NAME.equals(typeName)) return Optional.of(USER_TYPE);
                return Optional.empty();
            }
        };
    }

    /** The value of {@code event} in a rule: every schema field present. */
    public static Map<String, Object> eventValue(SecurityEvent event) {
        return new RecordValue<>(EVENT_SHAPE, event);
    }

    /** The value of {@code user} in a rule; all defaults when the user is unknown. */
    public static Map<String, Object> userValue(UserProfile user) {
        return user == null ? UNKNOWN_USER : new RecordValue<>(USER_SHAPE, user);
    }

    public static List<String> eventFieldNames() {
        return EVENT_FIELDS.stream().map(f -> f.name).collect(ImmutableList.toImmutableList());
    }

    private static final Map<String, Function<SecurityEvent, Object>> GETTERS = getters();

    /**
     * The schema document (docs/schema.md) for rule authors, from the same definition as the CEL
     * types.
     */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Event schema\n\n")
                .append(
                        "Generated from"
                            + " `rules/src/main/java/io/securitycoach/schema/EventSchema.java` by ")
                .append(
                        "`./coach schema`; a test keeps this file equal to it. Absent text reads as"
                                + " `\"\"`, absent numbers as `0`.\n\n")
                .append(
                        "## `event`\n\n"
                                + "| field | CEL type | meaning | from (vendor: field) |\n"
                                + "|---|---|---|---|\n");
        EVENT_FIELDS.forEach(f -> row(md, f.name, f.type));
        md.append("\n## `user`\n\n| field | CEL type | meaning | from |\n|---|---|---|---|\n");
        USER_FIELDS.forEach(f -> row(md, f.name, f.type));
        VendorRecordTypes.markdown(md);
        return md.toString();
    }

    private static void row(StringBuilder md, String name, CelType type) {
        String[] doc = FieldDocs.BY_FIELD.getOrDefault(name, new String[] {"", ""});
        md.append("| `")
                .append(name)
                .append("` | ")
                .append(type.name())
                .append(" | ")
                .append(doc[0])
                .append(" | ")
                .append(doc[1].replace("|", "\\|"))
                .append(" |\n");
    }

    /**
     * What each field means and which vendor fields feed it (field-docs.tsv: field, meaning, from):
     * read on first use, as only the schema document needs it.
     */
    private static final class FieldDocs {
        static final String RESOURCE = "field-docs.tsv";
        static final Map<String, String[]> BY_FIELD = load();

        private static Map<String, String[]> load() {
            Map<String, String[]> docs = new HashMap<>();
            for (String line : resourceLines()) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] cells = line.split("\t", -1);
                if (cells.length != 3) {
                    throw new IllegalStateException(RESOURCE + ": not 3 cells: " + line);
                }
                docs.put(cells[0], new String[] {cells[1], cells[2]});
            }
            return docs;
        }

        private static List<String> resourceLines() {
            InputStream in = EventSchema.class.getResourceAsStream(RESOURCE);
            if (in == null) throw new IllegalStateException(RESOURCE + " is not on the classpath");
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The value of one event field by its rule name, as rules see it ("" when absent). */
    public static Object fieldValue(SecurityEvent event, String field) {
        Function<SecurityEvent, Object> getter = GETTERS.get(field);
        Object v = getter == null ? null : getter.apply(event);
        return v == null ? "" : v;
    }

    private static Map<String, Function<SecurityEvent, Object>> getters() {
        Map<String, Function<SecurityEvent, Object>> m = new HashMap<>();
        EVENT_FIELDS.forEach(f -> m.put(f.name, f.getter));
        return m;
    }

    /**
     * How a customer's parsing configuration sets a string event field by its schema name; empty
     * for fields that are not plain strings (event_time, class_uid, raw, resolved).
     */
    public static Optional<BiConsumer<SecurityEvent, String>> setter(String field) {
        return EVENT_FIELDS.stream()
                .filter(f -> f.name.equals(field) && f.setter != null)
                .findFirst()
                .map(f -> f.setter);
    }

    /** Event fields of type string: what a threshold may count distinct values of. */
    public static List<String> stringEventFields() {
        return EVENT_FIELDS.stream()
                .filter(f -> f.type == SimpleType.STRING)
                .map(f -> f.name)
                .collect(ImmutableList.toImmutableList());
    }

    /** A field reads as the rules see it: absent as its default, long text and lists cut. */
    private static <T> RecordValue.Shape<T> shape(List<Field<T>> fields) {
        String[] names = fields.stream().map(f -> f.name).toArray(String[]::new);
        return new RecordValue.Shape<>(
                names,
                (record, i) -> {
                    Field<T> f = fields.get(i);
                    Object v = f.getter.apply(record);
                    return v == null ? f.absent : RuleValues.cut(v);
                });
    }

    private static <T> Map<String, Object> defaults(List<Field<T>> fields) {
        Map<String, Object> value = new HashMap<>();
        for (Field<T> f : fields) {
            value.put(f.name, f.absent);
        }
        return Collections.unmodifiableMap(value);
    }

    private static <T> StructType structOf(String name, List<Field<T>> fields) {
        Map<String, CelType> types = new LinkedHashMap<>();
        fields.forEach(f -> types.put(f.name, f.type));
        return StructType.create(
                name,
                ImmutableSet.copyOf(types.keySet()),
                fieldName -> Optional.ofNullable(types.get(fieldName)));
    }

    private static <T> Field<T> string(String name, Function<T, String> getter) {
        return new Field<>(name, SimpleType.STRING, getter::apply, "");
    }

    private static <T> Field<T> string(
            String name, Function<T, String> getter, BiConsumer<T, String> setter) {
        Field<T> f = new Field<>(name, SimpleType.STRING, getter::apply, "");
        f.setter = setter;
        return f;
    }

    private static <T> Field<T> integer(String name, Function<T, Long> getter) {
        return new Field<>(name, SimpleType.INT, getter::apply, 0L);
    }

    private static final class Field<T> {
        final String name;
        final CelType type;
        final Function<T, Object> getter;
        final Object absent;

        /** For string event fields: how a parsing configuration sets it. */
        BiConsumer<T, String> setter;

        Field(String name, CelType type, Function<T, Object> getter, Object absent) {
            this.name = name;
            this.type = type;
            this.getter = getter;
            this.absent = absent;
        }
    }
}
