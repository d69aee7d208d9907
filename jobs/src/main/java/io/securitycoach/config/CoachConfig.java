package io.securitycoach.config;

import io.securitycoach.control.ControlOptions;
import io.securitycoach.integrations.IntegrationOptions;
import io.securitycoach.jobs.JobOptions;
import io.securitycoach.jobs.wiring.EmbeddedS3Options;
import io.securitycoach.jobs.wiring.SinkOptions;
import io.securitycoach.jobs.wiring.SourceOptions;
import io.securitycoach.jobs.wiring.kinesis.KinesisOptions;
import io.securitycoach.notify.NotifyOptions;
import io.securitycoach.options.Option;
import io.securitycoach.options.OptionGroup;
import io.securitycoach.options.OptionValues;
import io.securitycoach.validation.Problems;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's one configuration model: property groups of string keys, as Managed Flink delivers
 * them, read the same way from a local file and command-line overrides ({@link ConfigLoader}). Each
 * component declares its own typed options, with type, default and meaning, beside the code that
 * reads them (an {@code *Options} class holding an {@link OptionGroup}); this class lists those
 * groups once ({@link #DECLARED}), and validation, the configuration reference
 * (docs/configuration.md) and the settings objects' defaults all come from the declarations.
 * Unknown groups and keys are errors, so a typo fails at start instead of silently keeping a
 * default.
 */
public final class CoachConfig implements OptionValues, Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Every component's options, in the order of the configuration reference (a group's keys in the
     * order of its declarations). A new component with options adds its group here once.
     */
    private static final List<OptionGroup> DECLARED =
            List.of(
                    JobOptions.JOB,
                    KinesisOptions.KINESIS,
                    EmbeddedS3Options.S3,
                    SourceOptions.EVENTS,
                    SourceOptions.DIRECTORY,
                    SourceOptions.RULES,
                    ControlOptions.RULES,
                    KinesisOptions.CONTROL_CHANNELS,
                    SinkOptions.AUDIT,
                    SinkOptions.OUTPUTS,
                    NotifyOptions.NOTIFY,
                    IntegrationOptions.INTEGRATIONS);

    private static final List<Option<?>> KEYS = new ArrayList<>();
    private static final Map<String, Map<String, Option<?>>> BY_GROUP = new LinkedHashMap<>();

    static {
        for (OptionGroup declared : DECLARED) {
            for (Option<?> k : declared.options()) {
                KEYS.add(k);
                if (BY_GROUP.computeIfAbsent(k.group, g -> new LinkedHashMap<>()).put(k.name, k)
                        != null) {
                    throw new IllegalStateException(k.id() + " is declared twice");
                }
            }
        }
    }

    private final Map<String, Map<String, String>> groups;

    private CoachConfig(Map<String, Map<String, String>> groups) {
        this.groups = groups;
    }

    /**
     * Checks every group, key and value; throws one {@link ConfigException} listing all problems.
     */
    public static CoachConfig of(Map<String, Map<String, String>> groups) {
        Problems problems = new Problems();
        Map<String, Map<String, String>> copy = new TreeMap<>();
        groups.forEach(
                (group, values) -> {
                    Map<String, Option<?>> known = BY_GROUP.get(group);
                    if (known == null) {
                        problems.addGeneral(
                                "unknown property group '"
                                        + group
                                        + "' (known: "
                                        + String.join(", ", BY_GROUP.keySet())
                                        + ")");
                        return;
                    }
                    values.forEach(
                            (name, value) -> {
                                Option<?> key = known.get(name);
                                if (key == null) {
                                    problems.addGeneral(
                                            "unknown key '"
                                                    + group
                                                    + "."
                                                    + name
                                                    + "' ("
                                                    + group
                                                    + " has: "
                                                    + String.join(", ", known.keySet())
                                                    + ")");
                                } else if (value == null || value.isBlank()) {
                                    problems.add(
                                            key.id(),
                                            "empty value (leave the key out to use its default)");
                                } else {
                                    String problem = key.problemWith(value);
                                    if (problem != null) {
                                        problems.add(key.id(), "'" + value + "' " + problem);
                                    }
                                }
                            });
                    copy.put(group, new TreeMap<>(values));
                });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new CoachConfig(copy);
    }

    /** Every declared option, in the order of the configuration reference. */
    public static List<Option<?>> keys() {
        return Collections.unmodifiableList(KEYS);
    }

    /** The text given for {@code option} (trimmed); null when unset. */
    @Override
    public String given(Option<?> option) {
        String value = groups.getOrDefault(option.group, Map.of()).get(option.name);
        return value != null ? value.trim() : null;
    }

    /** The value given, else the default; a {@link ConfigException} naming the key if neither. */
    public <T> T require(Option<T> option) {
        T value = get(option);
        if (value == null) {
            throw new ConfigException(option.id() + " is required: " + option.description);
        }
        return value;
    }

    /** This configuration with {@code key} set to {@code value} (validated). */
    public CoachConfig with(Option<?> key, String value) {
        Map<String, Map<String, String>> next = new TreeMap<>();
        groups.forEach((g, v) -> next.put(g, new TreeMap<>(v)));
        next.computeIfAbsent(key.group, g -> new TreeMap<>()).put(key.name, value);
        return of(next);
    }

    /** The groups as given (for logs: values of keys ending in secret-key are masked). */
    public Map<String, Map<String, String>> describe() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        groups.forEach(
                (g, values) -> {
                    Map<String, String> shown = new TreeMap<>();
                    values.forEach((k, v) -> shown.put(k, k.endsWith("secret-key") ? "****" : v));
                    out.put(g, shown);
                });
        return out;
    }

    /**
     * The configuration reference: one table per group (docs/configuration.md, checked by a test).
     */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append(
                        "Generated from `CoachConfig` (a test keeps this file equal to it). The"
                                + " same property groups and keys are used in\n")
                .append(
                        "a local file (`--config FILE`, Managed Flink's JSON format), as"
                                + " command-line overrides (`--Group.key value`)\n")
                .append(
                        "and as Amazon Managed Service for Apache Flink runtime properties. Unknown"
                                + " groups or keys and bad values stop\n")
                .append("the job at start with a message naming the key.\n");
        BY_GROUP.forEach(
                (group, keys) -> {
                    md.append("\n## ")
                            .append(group)
                            .append("\n\n| key | type | default | meaning |\n|---|---|---|---|\n");
                    keys.values()
                            .forEach(
                                    k ->
                                            md.append("| `")
                                                    .append(k.name)
                                                    .append("` | ")
                                                    .append(
                                                            k.kind == Option.Kind.CHOICE
                                                                    ? String.join(
                                                                            " \\| ", k.choices())
                                                                    : k.kind.name()
                                                                            .toLowerCase(
                                                                                    Locale.ROOT))
                                                    .append(" | ")
                                                    .append(
                                                            k.defaultText == null
                                                                    ? ""
                                                                    : "`" + k.defaultText + "`")
                                                    .append(" | ")
                                                    .append(k.description.replace("|", "\\|"))
                                                    .append(" |\n"));
                });
        return md.toString();
    }
}
