package io.securitycoach.config;

import io.securitycoach.rules.Durations;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One setting: its property group and key (the same names in a local file, on the command line and
 * in Managed Flink's property groups), its type, default and meaning. Checking a value is the key's
 * job, so a bad value is reported with the key's full name.
 */
public final class ConfigKey implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Type {
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
    public final Type type;

    /** null: no default (unset unless given). */
    public final String defaultValue;

    public final String description;
    private final List<String> choices;

    private ConfigKey(
            String group,
            String name,
            Type type,
            String defaultValue,
            String description,
            List<String> choices) {
        this.group = group;
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.choices = choices;
    }

    public static ConfigKey of(
            String group, String name, Type type, String defaultValue, String description) {
        return new ConfigKey(group, name, type, defaultValue, description, List.of());
    }

    public static ConfigKey choice(
            String group, String name, String defaultValue, String description, String... choices) {
        return new ConfigKey(
                group, name, Type.CHOICE, defaultValue, description, Arrays.asList(choices));
    }

    public String id() {
        return group + "." + name;
    }

    public List<String> choices() {
        return choices;
    }

    /** The default of a DURATION key (what settings objects start from). */
    public Duration defaultDuration() {
        return Durations.parse(requiredDefault());
    }

    /** The default of an INT key (what settings objects start from). */
    public int defaultInt() {
        return Integer.parseInt(requiredDefault());
    }

    private String requiredDefault() {
        if (defaultValue == null) {
            throw new IllegalStateException(id() + " has no default");
        }
        return defaultValue;
    }

    /** Null when {@code value} is acceptable, else why not. */
    String problemWith(String value) {
        try {
            switch (type) {
                case INT:
                    if (Integer.parseInt(value.trim()) < 0) {
                        return "must not be negative";
                    }
                    return null;
                case DURATION:
                    Durations.parse(value.trim());
                    return null;
                case BOOLEAN:
                    String b = value.trim().toLowerCase(Locale.ROOT);
                    return b.equals("true") || b.equals("false") ? null : "must be true or false";
                case URL:
                    URI uri = URI.create(value.trim());
                    return uri.getScheme() != null && uri.getHost() != null
                            ? null
                            : "must be an absolute URL like http://host:port";
                case INSTANT:
                    instant(value);
                    return null;
                case CHOICE:
                    return choices.contains(value.trim())
                            ? null
                            : "must be one of " + String.join(", ", choices);
                default:
                    return null;
            }
        } catch (RuntimeException e) {
            return type == Type.INT
                    ? "must be a whole number"
                    : type == Type.DURATION
                            ? "must be a duration such as 30s, 5m, 2h or 7d"
                            : type == Type.INSTANT
                                    ? "must be a UTC time such as 2026-11-20T08:00:00Z or a date"
                                            + " such as 2026-11-20"
                                    : String.valueOf(e.getMessage());
        }
    }

    /** An ISO-8601 instant, or a date meaning its first moment in UTC. */
    public static Instant instant(String value) {
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
