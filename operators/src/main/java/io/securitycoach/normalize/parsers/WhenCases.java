package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.SecurityEvent;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A configuration's code table over several fields ({@code when:}): cases in order, each a
 * condition on paths ({@code if: {type: THREAT, action: [drop, reset-both]}}: every path's value is
 * the one given or one of the list) and the fields it sets ({@code then: {class: detection, action:
 * blocked}}). The first case that matches wins; a last case without {@code if} is the default. An
 * absent, null or empty value matches no value, so a verdict is never read from absence: with no
 * case matching, the fields stay unset and take the configuration's defaults ({@code action} and
 * {@code outcome}: {@code unknown}).
 */
final class WhenCases {
    static final int MAX_CASES = 64;
    static final int MAX_CONDITIONS = 8;
    static final int MAX_SETS = 16;

    /** One case: every condition holds, then every setter runs with its value. */
    static final class Case {
        private final ValuePath[] paths;
        private final Set<String>[] allowed;
        private final BiConsumer<SecurityEvent, String>[] setters;
        private final String[] values;

        Case(
                ValuePath[] paths,
                Set<String>[] allowed,
                BiConsumer<SecurityEvent, String>[] setters,
                String[] values) {
            this.paths = paths;
            this.allowed = allowed;
            this.setters = setters;
            this.values = values;
        }

        boolean matches(JsonNode record, JsonNode element) {
            for (int i = 0; i < paths.length; i++) {
                String v = paths[i].read(record, element);
                if (v == null || !allowed[i].contains(v)) {
                    return false;
                }
            }
            return true;
        }

        void apply(SecurityEvent out) {
            for (int i = 0; i < setters.length; i++) {
                setters[i].accept(out, values[i]);
            }
        }
    }

    private final Case[] cases;

    WhenCases(Case[] cases) {
        this.cases = cases;
    }

    /** Sets the fields of the first matching case; none when no case matches. */
    void apply(JsonNode record, JsonNode element, SecurityEvent out) {
        for (Case c : cases) {
            if (c.matches(record, element)) {
                c.apply(out);
                return;
            }
        }
    }
}
