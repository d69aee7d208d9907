package io.securitycoach.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of coaching modules (the micro-learning a message links to): per module a title,
 * why it matters, its link and optionally its own message template; plus the default template for
 * rules that bring none. Validated when loaded: every problem is reported with the module it is in.
 *
 * <pre>
 * default_template: "Hi {first_name}. {summary} {why} {module_title}: {module_url} ({security_team})"
 * modules:
 *   phishing-101:
 *     title: Spotting phishing in two minutes
 *     why: Phishing pages steal passwords that unlock everything else.
 *     url: https://learn.example.com/modules/phishing-101
 * </pre>
 */
public final class CoachingModules implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String BUILT_IN_TEMPLATE = "Hi {first_name}. {summary} {why} {module_title}: {module_url}";

    /** One module's texts. */
    public static final class Module implements Serializable {
        private static final long serialVersionUID = 1L;
        public final String title;
        public final String why;
        public final String url;
        public final String template;

        Module(String title, String why, String url, String template) {
            this.title = title;
            this.why = why;
            this.url = url;
            this.template = template;
        }
    }

    private final Map<String, Module> modules;
    private final String defaultTemplate;

    private CoachingModules(Map<String, Module> modules, String defaultTemplate) {
        this.modules = modules;
        this.defaultTemplate = defaultTemplate;
    }

    /** No catalogue: module links from a base URL, the built-in template. */
    public static CoachingModules none() {
        return new CoachingModules(new HashMap<>(), BUILT_IN_TEMPLATE);
    }

    public static CoachingModules load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** A catalogue from its YAML text (read from S3 or the job jar); {@code source} names it in errors. */
    public static CoachingModules parse(String yaml, String source) throws IOException {
        JsonNode root = new YAMLMapper().readTree(yaml);
        List<String> errors = new ArrayList<>();
        String defaultTemplate = root.path("default_template").asText(BUILT_IN_TEMPLATE);
        checkTemplate("default_template", defaultTemplate, errors);
        Map<String, Module> modules = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("modules").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode m = e.getValue();
            String title = m.path("title").asText("");
            String why = m.path("why").asText("");
            String url = m.path("url").asText("");
            String template = m.hasNonNull("template") ? m.get("template").asText() : null;
            if (title.isBlank()) errors.add("modules." + id + ".title: missing");
            if (why.isBlank()) errors.add("modules." + id + ".why: missing");
            if (!url.startsWith("https://")) errors.add("modules." + id + ".url: expected an https:// link");
            if (template != null) checkTemplate("modules." + id + ".template", template, errors);
            modules.put(id, new Module(title, why, url, template));
        }
        if (!errors.isEmpty()) {
            throw new IOException("invalid coaching modules in " + source + ": " + String.join("; ", errors));
        }
        return new CoachingModules(modules, defaultTemplate);
    }

    private static void checkTemplate(String field, String template, List<String> errors) {
        for (String unknown : MessageTemplate.unknownPlaceholders(template)) {
            errors.add(field + ": unknown placeholder {" + unknown + "}");
        }
    }

    /** The module, or null when the catalogue does not know it. */
    public Module module(String id) {
        return modules.get(id);
    }

    /** The template for a detection: the rule's own, else the module's, else the default. */
    public String templateFor(String ruleTemplate, String moduleId) {
        if (ruleTemplate != null) {
            return ruleTemplate;
        }
        Module m = modules.get(moduleId);
        return m != null && m.template != null ? m.template : defaultTemplate;
    }
}
