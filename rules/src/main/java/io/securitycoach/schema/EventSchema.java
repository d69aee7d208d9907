package io.securitycoach.schema;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The single definition of what rules can read: the fields of {@code event} and {@code user}, their
 * CEL types, and how each is read from the Java records. The CEL type declarations rules are checked
 * against and the values they are evaluated on are both derived from it.
 *
 * <p>Absent strings read as {@code ""} and absent numbers as {@code 0}, so a rule never fails on a
 * field a vendor did not send.
 */
public final class EventSchema {
    public static final String EVENT_TYPE_NAME = "coach.Event";
    public static final String USER_TYPE_NAME = "coach.User";

    private static final List<Field<SecurityEvent>> EVENT_FIELDS = List.of(
            string("org_id", e -> e.orgId),
            string("event_uid", e -> e.eventUid),
            string("vendor", e -> e.vendor),
            string("product", e -> e.product),
            string("class", e -> e.eventClass),
            integer("class_uid", e -> (long) e.classUid),
            string("category", e -> e.category),
            string("activity", e -> e.activity),
            string("action", e -> e.action),
            string("outcome", e -> e.outcome),
            string("severity", e -> e.severity),
            integer("event_time", e -> e.eventTime),
            string("message", e -> e.message),
            string("actor_email", e -> e.actorEmail),
            string("actor_user_name", e -> e.actorUserName),
            string("actor_domain", e -> e.actorDomain),
            string("actor_host", e -> e.actorHost),
            string("actor_ip", e -> e.actorIp),
            string("url", e -> e.url),
            string("url_host", e -> e.urlHost),
            string("url_category", e -> e.urlCategory),
            string("app", e -> e.app),
            string("threat_name", e -> e.threatName),
            string("file_name", e -> e.fileName),
            string("file_type", e -> e.fileType),
            string("file_hash", e -> e.fileHash),
            string("process_name", e -> e.processName),
            string("command_line", e -> e.commandLine),
            string("mitre_tactic", e -> e.mitreTactic),
            string("mitre_technique", e -> e.mitreTechnique),
            string("email_sender", e -> e.emailSender),
            string("email_subject", e -> e.emailSubject),
            string("dlp_profile", e -> e.dlpProfile),
            new Field<>("raw", MapType.create(SimpleType.STRING, SimpleType.STRING),
                    e -> e.raw == null ? Collections.emptyMap() : e.raw.asMap(), Collections.emptyMap()),
            new Field<>("resolved", SimpleType.BOOL, e -> e.userId != null, false));

    private static final List<Field<UserProfile>> USER_FIELDS = List.of(
            string("user_id", u -> u.userId),
            string("email", u -> u.email),
            string("first_name", u -> u.firstName),
            string("last_name", u -> u.lastName),
            string("department", u -> u.department),
            string("title", u -> u.title),
            string("location", u -> u.location),
            string("manager_email", u -> u.managerEmail),
            new Field<>("tags", ListType.create(SimpleType.STRING),
                    u -> u.tags == null ? Collections.emptyList() : Arrays.asList(u.tags), Collections.emptyList()));

    public static final StructType EVENT_TYPE = structOf(EVENT_TYPE_NAME, EVENT_FIELDS);
    public static final StructType USER_TYPE = structOf(USER_TYPE_NAME, USER_FIELDS);

    private static final Map<String, Object> UNKNOWN_USER = defaults(USER_FIELDS);

    private EventSchema() {}

    /** The types the CEL compiler resolves {@code event.x} and {@code user.x} against. */
    public static CelTypeProvider typeProvider() {
        return new CelTypeProvider() {
            @Override
            public com.google.common.collect.ImmutableCollection<CelType> types() {
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
        return valueOf(EVENT_FIELDS, event);
    }

    /** The value of {@code user} in a rule; all defaults when the user is unknown. */
    public static Map<String, Object> userValue(UserProfile user) {
        return user == null ? UNKNOWN_USER : valueOf(USER_FIELDS, user);
    }

    public static List<String> eventFieldNames() {
        return EVENT_FIELDS.stream().map(f -> f.name).collect(ImmutableList.toImmutableList());
    }

    private static final Map<String, Function<SecurityEvent, Object>> GETTERS = getters();

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

    /** Event fields of type string: what a threshold may count distinct values of. */
    public static List<String> stringEventFields() {
        return EVENT_FIELDS.stream().filter(f -> f.type == SimpleType.STRING).map(f -> f.name)
                .collect(ImmutableList.toImmutableList());
    }

    public static List<String> userFieldNames() {
        return USER_FIELDS.stream().map(f -> f.name).collect(ImmutableList.toImmutableList());
    }

    private static <T> Map<String, Object> valueOf(List<Field<T>> fields, T record) {
        Map<String, Object> value = new HashMap<>(fields.size() * 2);
        for (Field<T> f : fields) {
            Object v = f.getter.apply(record);
            value.put(f.name, v == null ? f.absent : v);
        }
        return value;
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
        return StructType.create(name, ImmutableSet.copyOf(types.keySet()),
                fieldName -> Optional.ofNullable(types.get(fieldName)));
    }

    private static <T> Field<T> string(String name, Function<T, String> getter) {
        return new Field<>(name, SimpleType.STRING, getter::apply, "");
    }

    private static <T> Field<T> integer(String name, Function<T, Long> getter) {
        return new Field<>(name, SimpleType.INT, getter::apply, 0L);
    }

    private static final class Field<T> {
        final String name;
        final CelType type;
        final Function<T, Object> getter;
        final Object absent;

        Field(String name, CelType type, Function<T, Object> getter, Object absent) {
            this.name = name;
            this.type = type;
            this.getter = getter;
            this.absent = absent;
        }
    }
}
