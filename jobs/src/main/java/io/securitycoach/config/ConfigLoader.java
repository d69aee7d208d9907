package io.securitycoach.config;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a {@link CoachConfig} comes from. A local file uses Managed Flink's own JSON shape
 * ({@code [{"PropertyGroupId": "Job", "PropertyMap": {"bounded": "true"}}]}), so one file serves a
 * laptop and the console alike; command-line arguments override single keys
 * ({@code --Job.bounded true} or {@code --Job.bounded=true}). Without {@code --config}, the job reads
 * Managed Flink's runtime properties (empty elsewhere), then applies the overrides.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** From {@code main}'s arguments: {@code [--config FILE] [--Group.key value]...}. */
    public static CoachConfig load(String[] args) {
        Map<String, Map<String, String>> groups = new TreeMap<>();
        Map<String, Map<String, String>> overrides = new TreeMap<>();
        String file = null;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                problems.add("unexpected argument '" + arg + "' (expected --config FILE or --Group.key value)");
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                problems.add("--" + name + " needs a value");
                continue;
            }
            if (name.equals("config")) {
                file = value;
                continue;
            }
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                problems.add("--" + name + ": overrides name a group and key, like --Job.bounded true");
                continue;
            }
            overrides.computeIfAbsent(name.substring(0, dot), g -> new TreeMap<>()).put(name.substring(dot + 1), value);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (file != null) {
            merge(groups, fromFile(Path.of(file)));
        } else {
            merge(groups, fromManagedFlink());
        }
        merge(groups, overrides);
        return CoachConfig.of(groups);
    }

    /** A file in Managed Flink's property-groups JSON shape. */
    public static Map<String, Map<String, String>> fromFile(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new ConfigException(file + ": expected a JSON array of {\"PropertyGroupId\": ..., \"PropertyMap\": {...}}");
        }
        Map<String, Map<String, String>> groups = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode group = root.get(i);
            String id = group.path("PropertyGroupId").asText("");
            JsonNode map = group.path("PropertyMap");
            if (id.isEmpty() || !map.isObject()) {
                problems.add(file + ": entry " + i + " needs a PropertyGroupId and a PropertyMap object");
                continue;
            }
            Map<String, String> values = groups.computeIfAbsent(id, g -> new TreeMap<>());
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isContainerNode()) {
                    problems.add(file + ": " + id + "." + e.getKey() + " must be a string, number or boolean");
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

    /** Managed Flink's runtime properties; empty when not running there. */
    public static Map<String, Map<String, String>> fromManagedFlink() {
        Map<String, Map<String, String>> groups = new TreeMap<>();
        Map<String, Properties> properties;
        try {
            properties = KinesisAnalyticsRuntime.getApplicationProperties();
        } catch (IOException | RuntimeException e) {
            return groups; // no application properties file: not on Managed Flink
        }
        properties.forEach((group, props) -> {
            Map<String, String> values = groups.computeIfAbsent(group, g -> new TreeMap<>());
            props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
        });
        return groups;
    }

    private static void merge(Map<String, Map<String, String>> into, Map<String, Map<String, String>> from) {
        from.forEach((g, values) -> into.computeIfAbsent(g, x -> new TreeMap<>()).putAll(values));
    }
}
