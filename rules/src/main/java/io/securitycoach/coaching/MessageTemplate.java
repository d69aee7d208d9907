package io.securitycoach.coaching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coaching text of a rule, with {@code {placeholder}} slots filled from the detection. Unknown
 * placeholders are rejected when the rule is loaded, not discovered when a message is sent.
 */
public final class MessageTemplate {
    public static final Set<String> PLACEHOLDERS =
            Set.of(
                    "first_name",
                    "summary",
                    "rule",
                    "module",
                    "module_url",
                    "module_title",
                    "why",
                    "severity",
                    "company",
                    "security_team");
    private static final Pattern SLOT = Pattern.compile("\\{([a-z_]+)}");

    private MessageTemplate() {}

    /** Placeholders in the template that we cannot fill. */
    public static List<String> unknownPlaceholders(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher m = SLOT.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    public static String render(String template, Map<String, String> values) {
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
