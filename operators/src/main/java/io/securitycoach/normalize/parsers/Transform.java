package io.securitycoach.normalize.parsers;

import io.securitycoach.rules.regex.GatedRegex;
import io.securitycoach.rules.regex.RegexGate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** One step applied to a field's text; null in, null out. Built once from the configuration. */
interface Transform {
    int MAX_REGEX_CHARS = RegexGate.MAX_PATTERN_CHARS;

    /**
     * A regex reads at most this much of a value: match time grows with text length times program
     * size.
     */
    int MAX_REGEX_INPUT = RegexGate.MAX_INPUT_CHARS;

    /**
     * The most regex work one record may cost a configuration: the sum over its regexes of program
     * size x {@link #MAX_REGEX_INPUT} characters, so together its regexes' programs are at most 500
     * instructions (about 10 ms of CPU at worst), the same budget a rule has per event.
     */
    long MAX_REGEX_STEPS_PER_RECORD = 500L * MAX_REGEX_INPUT;

    String apply(String value);

    static Transform lower() {
        return v -> v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    static Transform upper() {
        return v -> v == null ? null : v.toUpperCase(Locale.ROOT);
    }

    static Transform trim() {
        return v -> v == null ? null : v.trim();
    }

    /** The index-th part (negative: from the end); null when there are fewer parts. */
    static Transform split(String separator, int index) {
        Pattern literal = Pattern.compile(separator, Pattern.LITERAL);
        return v -> {
            if (v == null) {
                return null;
            }
            String[] parts = literal.split(v, -1);
            int i = index >= 0 ? index : parts.length + index;
            return i >= 0 && i < parts.length ? parts[i] : null;
        };
    }

    /**
     * RE2 (linear time), a pattern the {@link RegexGate} accepted: the first group if the pattern
     * has one, else the whole match; null when no match. Looks at the first {@link
     * #MAX_REGEX_INPUT} characters of the value only.
     */
    static Transform regex(GatedRegex re) {
        return v -> v == null ? null : re.extract(v);
    }

    /**
     * Looked up in the map; a value not in it becomes {@code otherwise} when given, else stays as
     * it is.
     */
    static Transform map(Map<String, String> values, String otherwise) {
        return v -> {
            if (v == null) {
                return otherwise;
            }
            String mapped = values.get(v);
            return mapped != null ? mapped : otherwise != null ? otherwise : v;
        };
    }
}
