package io.securitycoach.normalize.parsers;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import java.util.Locale;
import java.util.Map;

/** One step applied to a field's text; null in, null out. Built once from the configuration. */
interface Transform {
    int MAX_REGEX_CHARS = 512;
    /** Estimated program size ({@link RegexCost}) of one regex, and of all regexes of a configuration. */
    long MAX_REGEX_COST = 1000;
    long MAX_TOTAL_REGEX_COST = 4000;
    /** A regex reads at most this much of a value: match time grows with text length times program size. */
    int MAX_REGEX_INPUT = 4096;

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
        java.util.regex.Pattern literal = java.util.regex.Pattern.compile(separator, java.util.regex.Pattern.LITERAL);
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
     * RE2 (linear time): the first group if the pattern has one, else the whole match; null when no
     * match. Looks at the first {@link #MAX_REGEX_INPUT} characters of the value only.
     */
    static Transform regex(String pattern) {
        Pattern re = Pattern.compile(pattern);
        boolean group = re.groupCount() >= 1;
        return v -> {
            if (v == null) {
                return null;
            }
            Matcher m = re.matcher(v.length() > MAX_REGEX_INPUT ? v.substring(0, MAX_REGEX_INPUT) : v);
            return m.find() ? (group ? m.group(1) : m.group()) : null;
        };
    }

    /** Looked up in the map; a value not in it becomes {@code otherwise} when given, else stays as it is. */
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
