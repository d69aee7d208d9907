package io.securitycoach.options;

import io.securitycoach.rules.Durations;
import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One typed configuration option (the role of Flink's {@code ConfigOption<T>}, kept Flink-free so
 * every module can declare its own): its property group and key (the same names in a local file, on
 * the command line and in Managed Flink's property groups), its type, its one default, written the
 * way a configuration writes it, and its meaning. Declared once, beside the component that reads
 * it, through an {@link OptionGroup}; checking a value is the option's job, so a bad value is
 * reported with the option's full name.
 */
public final class Option<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a value is written and read; the configuration reference shows it in lower case. */
    public enum Kind {
        STRING,
        INT,
        DURATION,
        BOOLEAN,
        LIST,
        URL,
        CHOICE,
        INSTANT
    }

    public final String group;
    public final String name;
    public final Kind kind;

    /** The default as a configuration writes it; null: none (unset unless given). */
    public final String defaultText;

    public final String description;
    private final List<String> choices;

    Option(
            String group,
            String name,
            Kind kind,
            String defaultText,
            String description,
            List<String> choices) {
        this.group = group;
        this.name = name;
        this.kind = kind;
        this.defaultText = defaultText;
        this.description = description;
        this.choices = List.copyOf(choices);
    }

    /** {@code Group.key}, as errors and docs name it. */
    public String id() {
        return group + "." + name;
    }

    public List<String> choices() {
        return choices;
    }

    /** The default, typed; null when there is none (an empty list for a list option). */
    public T defaultValue() {
        if (defaultText == null) {
            return kind == Kind.LIST ? cast(List.of()) : null;
        }
        return parse(defaultText);
    }

    /** A value as written (already checked by {@link #problemWith}), typed. */
    public T parse(String text) {
        String v = text.trim();
        switch (kind) {
            case INT:
                return cast(Integer.parseInt(v));
            case DURATION:
                return cast(Durations.parse(v));
            case BOOLEAN:
                return cast(Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)));
            case LIST:
                return cast(
                        Arrays.stream(v.split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .collect(Collectors.toList()));
            case INSTANT:
                return cast(instant(v));
            default:
                return cast(v);
        }
    }

    @SuppressWarnings("unchecked") // the factories in OptionGroup pair each kind with its type
    private T cast(Object value) {
        return (T) value;
    }

    /** Null when {@code value} is acceptable, else why not. */
    public String problemWith(String value) {
        try {
            String v = value.trim();
            switch (kind) {
                case INT:
                    return Integer.parseInt(v) < 0 ? "must not be negative" : null;
                case DURATION:
                    Durations.parse(v);
                    return null;
                case BOOLEAN:
                    String b = v.toLowerCase(Locale.ROOT);
                    return b.equals("true") || b.equals("false") ? null : "must be true or false";
                case URL:
                    URI uri = URI.create(v);
                    return uri.getScheme() != null && uri.getHost() != null
                            ? null
                            : "must be an absolute URL like http://host:port";
                case INSTANT:
                    instant(v);
                    return null;
                case CHOICE:
                    return choices.contains(v)
                            ? null
                            : "must be one of " + String.join(", ", choices);
                default:
                    return null;
            }
        } catch (RuntimeException e) {
            return unparseable(e);
        }
    }

    private String unparseable(RuntimeException e) {
        switch (kind) {
            case INT:
                return "must be a whole number";
            case DURATION:
                return "must be a duration such as 30s, 5m, 2h or 7d";
            case INSTANT:
                return "must be a UTC time such as 2026-11-20T08:00:00Z or a date such as"
                        + " 2026-11-20";
            default:
                return String.valueOf(e.getMessage());
        }
    }

    /** An ISO-8601 instant, or a date meaning its first moment in UTC. */
    static Instant instant(String value) {
        String v = value.trim();
        return v.length() == 10
                ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.parse(v);
    }

    @Override
    public String toString() {
        return id();
    }
}
