package io.securitycoach.options;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The options one component declares in one property group, in the order it declares them (the
 * order of the configuration reference). A component's options class holds one as its first
 * constant and declares each option through it:
 *
 * <pre>{@code
 * private static final OptionGroup NOTIFY = new OptionGroup("Notify");
 * public static final Option<Integer> DAILY_CAP =
 *         NOTIFY.integer("daily-cap", "5", "Coaching messages one person receives per day.");
 * }</pre>
 *
 * The job's configuration lists every component's group once (CoachConfig), so a new option is
 * validated, documented and given its default by that one declaration.
 */
public final class OptionGroup {
    public final String group;
    private final List<Option<?>> declared = new ArrayList<>();

    public OptionGroup(String group) {
        this.group = group;
    }

    /** The options declared so far, in declaration order. */
    public List<Option<?>> options() {
        return Collections.unmodifiableList(declared);
    }

    public Option<String> string(String name, String defaultText, String description) {
        return add(name, Option.Kind.STRING, defaultText, description);
    }

    public Option<Integer> integer(String name, String defaultText, String description) {
        return add(name, Option.Kind.INT, defaultText, description);
    }

    public Option<Duration> duration(String name, String defaultText, String description) {
        return add(name, Option.Kind.DURATION, defaultText, description);
    }

    public Option<Boolean> flag(String name, String defaultText, String description) {
        return add(name, Option.Kind.BOOLEAN, defaultText, description);
    }

    /** Comma-separated values, blanks dropped; unset: empty. */
    public Option<List<String>> list(String name, String defaultText, String description) {
        return add(name, Option.Kind.LIST, defaultText, description);
    }

    /** An absolute URL (scheme and host). */
    public Option<String> url(String name, String defaultText, String description) {
        return add(name, Option.Kind.URL, defaultText, description);
    }

    /** A UTC time (ISO-8601) or a date, meaning its first moment in UTC. */
    public Option<Instant> instant(String name, String defaultText, String description) {
        return add(name, Option.Kind.INSTANT, defaultText, description);
    }

    /** One of {@code choices}. */
    public Option<String> choice(
            String name, String defaultText, String description, String... choices) {
        Option<String> option =
                new Option<>(
                        group,
                        name,
                        Option.Kind.CHOICE,
                        defaultText,
                        description,
                        Arrays.asList(choices));
        declared.add(option);
        return option;
    }

    private <T> Option<T> add(
            String name, Option.Kind kind, String defaultText, String description) {
        Option<T> option = new Option<>(group, name, kind, defaultText, description, List.of());
        declared.add(option);
        return option;
    }
}
