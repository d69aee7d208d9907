package io.securitycoach.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securitycoach.validation.Problem;
import io.securitycoach.validation.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a {@link CoachConfig} comes from. A local file uses Managed Flink's own JSON shape ({@code
 * [{"PropertyGroupId": "Job", "PropertyMap": {"bounded": "true"}}]}), so one file serves a laptop
 * and the console alike; command-line arguments override single keys ({@code --Job.bounded true} or
 * {@code --Job.bounded=true}). Without {@code --config}, the job reads Managed Flink's runtime
 * properties ({@link ManagedFlinkProperties}, empty elsewhere), then applies the overrides.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * From {@code main}'s arguments: {@code [--config FILE] [--managed-flink] [--Group.key
     * value]...}. Managed Flink's rules (Secrets Manager only, value length) apply when its
     * application properties file exists and no {@code --config} is given, or with {@code
     * --managed-flink} (to check a file meant for the console before deploying it).
     */
    public static CoachConfig load(String[] args) {
        Arguments parsed = Arguments.parse(args);
        Map<String, Map<String, String>> groups = new TreeMap<>();
        boolean managedFlink = parsed.managedFlink;
        if (parsed.file != null) {
            merge(groups, fromFile(Path.of(parsed.file)));
        } else {
            Map<String, Map<String, String>> runtime = ManagedFlinkProperties.read();
            managedFlink |= ManagedFlinkProperties.present();
            merge(groups, runtime);
        }
        merge(groups, parsed.overrides);
        if (!managedFlink) {
            return CoachConfig.of(groups);
        }
        CoachConfig config = CoachConfig.of(ManagedFlinkRules.withDefaults(groups));
        ManagedFlinkRules.check(config);
        return config;
    }

    /** The command line, split into the file, the Managed Flink flag and the overrides. */
    private static final class Arguments {
        String file;
        boolean managedFlink;
        final Map<String, Map<String, String>> overrides = new TreeMap<>();

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            Problems problems = new Problems();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--managed-flink")) {
                    parsed.managedFlink = true;
                } else if (!arg.startsWith("--")) {
                    problems.addGeneral(
                            "unexpected argument '"
                                    + arg
                                    + "' (expected --config FILE or --Group.key value)");
                } else if (arg.indexOf('=') < 0 && i + 1 >= args.length) {
                    problems.addGeneral(arg + " needs a value");
                } else {
                    int eq = arg.indexOf('=');
                    String name = eq >= 0 ? arg.substring(2, eq) : arg.substring(2);
                    parsed.add(name, eq >= 0 ? arg.substring(eq + 1) : args[++i], problems);
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return parsed;
        }

        private void add(String name, String value, Problems problems) {
            if (name.equals("config")) {
                file = value;
                return;
            }
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                problems.add(
                        "--" + name, "overrides name a group and key, like --Job.bounded true");
                return;
            }
            overrides
                    .computeIfAbsent(name.substring(0, dot), g -> new TreeMap<>())
                    .put(name.substring(dot + 1), value);
        }
    }

    /** A file in Managed Flink's property-groups JSON shape. */
    public static Map<String, Map<String, String>> fromFile(Path file) {
        JsonNode root = readJson(file);
        if (root == null || !root.isArray()) {
            throw new ConfigException(
                    file
                            + ": expected a JSON array of {\"PropertyGroupId\": ...,"
                            + " \"PropertyMap\": {...}}");
        }
        Map<String, Map<String, String>> groups = new TreeMap<>();
        Problems problems = new Problems();
        for (int i = 0; i < root.size(); i++) {
            JsonNode group = root.get(i);
            String id = group.path("PropertyGroupId").asText("");
            JsonNode map = group.path("PropertyMap");
            if (id.isEmpty() || !map.isObject()) {
                problems.add(
                        Problem.of(
                                        "entry "
                                                + i
                                                + " needs a PropertyGroupId and a PropertyMap"
                                                + " object")
                                .in(file.toString()));
                continue;
            }
            Map<String, String> values = groups.computeIfAbsent(id, g -> new TreeMap<>());
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isContainerNode()) {
                    problems.add(
                            Problem.of(
                                            id
                                                    + "."
                                                    + e.getKey()
                                                    + " must be a string, number or boolean")
                                    .in(file.toString()));
                } else {
                    values.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return groups;
    }

    private static JsonNode readJson(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e);
        }
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(
                    file
                            + ": malformed JSON"
                            + (at == null
                                    ? ""
                                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                            + ": "
                            + e.getOriginalMessage());
        }
    }

    private static void merge(
            Map<String, Map<String, String>> into, Map<String, Map<String, String>> from) {
        from.forEach((g, values) -> into.computeIfAbsent(g, x -> new TreeMap<>()).putAll(values));
    }
}
