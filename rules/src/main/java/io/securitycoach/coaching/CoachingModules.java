package io.securitycoach.coaching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.securitycoach.validation.Problems;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
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
    public static final String BUILT_IN_TEMPLATE =
            "Hi {first_name}. {summary} {why} {module_title}: {module_url}";

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

    /**
     * A catalogue from its YAML text (read from S3 or the job jar); {@code source} names it in
     * errors.
     */
    public static CoachingModules parse(String yaml, String source) throws IOException {
        JsonNode root = new YAMLMapper().readTree(yaml);
        Problems problems = new Problems();
        String defaultTemplate = root.path("default_template").asText(BUILT_IN_TEMPLATE);
        checkTemplate("default_template", defaultTemplate, problems);
        Map<String, Module> modules = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("modules").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode m = e.getValue();
            String title = m.path("title").asText("");
            String why = m.path("why").asText("");
            String url = m.path("url").asText("");
            String template = m.hasNonNull("template") ? m.get("template").asText() : null;
            String path = "modules." + id;
            if (title.isBlank()) problems.add(path + ".title", "missing");
            if (why.isBlank()) problems.add(path + ".why", "missing");
            if (!url.startsWith("https://"))
                problems.add(path + ".url", "expected an https:// link");
            if (template != null) checkTemplate(path + ".template", template, problems);
            modules.put(id, new Module(title, why, url, template));
        }
        if (!problems.isEmpty()) {
            throw new IOException("invalid coaching modules in " + source + ": " + problems);
        }
        return new CoachingModules(modules, defaultTemplate);
    }

    private static void checkTemplate(String path, String template, Problems problems) {
        for (String unknown : MessageTemplate.unknownPlaceholders(template)) {
            problems.add(path, "unknown placeholder {" + unknown + "}");
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
