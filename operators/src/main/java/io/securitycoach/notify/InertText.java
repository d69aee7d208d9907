package io.securitycoach.notify;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Locale;

/**
 * Makes vendor-supplied text safe to show to a person: URLs, host names and IPv4 addresses are
 * defanged ({@code https://evil.example/login} becomes {@code hxxps://evil[.]example/login}) so no
 * chat client turns them into links, unless the host is one of the org's link domains (or below
 * one); control, format (zero-width, bidirectional) and line-separator characters are removed or
 * made spaces so text cannot rewrite a terminal, reorder what is read, or hide a dot from the
 * matcher that a client would not see. What counts as a separator, a dot or a name character is
 * decided by Unicode general category, not by a list of examples.
 */
public final class InertText {
    /**
     * What ends a word to a chat client: ASCII space, controls and every Unicode separator (Zs, Zl,
     * Zp), and the dots (the full stop and the ones IDNA maps to it: ideographic, fullwidth,
     * halfwidth).
     */
    private static final String BREAK = "\\s\\p{Z}\\x{80}-\\x{9F}\\x{3002}\\x{FF0E}\\x{FF61}";

    /**
     * A character of a host name as a lenient client reads one: a letter, digit, '-' or '_', or any
     * character beyond ASCII that is not a break. Defined by what it is not, so a mark, a modifier
     * letter or a script newer than the regex library's tables is still part of a name
     * ("раураl.com", "evil\u0301.example").
     */
    private static final String NAME_CHAR =
            "[^\\x00-\\x2C\\x2E\\x2F\\x3A-\\x40\\x5B-\\x5E\\x60\\x7B-\\x7F" + BREAK + "]";

    /** A top-level label: some letter (not only digits, so "v2.2" stays a version), two or more. */
    private static final String TOP_LABEL =
            "[0-9_-]{0,61}[^\\x00-\\x40\\x5B-\\x60\\x7B-\\x7F" + BREAK + "]" + NAME_CHAR + "{1,62}";

    private static final String DOT = "[.\\x{3002}\\x{FF0E}\\x{FF61}]";

    /** What ends a URL: ASCII space, every Unicode separator (Zs, Zl, Zp) and every control. */
    private static final String END = "\\s\\p{Z}\\p{Cc}";

    /**
     * RE2/J, not java.util.regex: vendor text decides the input, and the JDK's backtracking matcher
     * recurses per repetition ("a.a.a..." of a few KiB threw StackOverflowError); RE2 is linear.
     */
    private static final Pattern LINKISH =
            Pattern.compile(
                    "(?i)(?P<url>(?P<scheme>[a-z][a-z0-9+.-]{1,15})://(?P<host>[^"
                            + END
                            + "/?#<>\"'\\\\]+)(?P<rest>[^"
                            + END
                            + "<>\"']*))"
                            + "|(?P<ip>\\d{1,3}(?:"
                            + DOT
                            + "\\d{1,3}){3})|(?P<name>(?:"
                            + NAME_CHAR
                            + "{1,63}"
                            + DOT
                            + ")+"
                            + TOP_LABEL
                            + ")");

    private static final Pattern DOTS = Pattern.compile(DOT);

    /** Line breaks, tabs and the line and paragraph separators (Zl, Zp): spaces. */
    private static final Pattern BREAKS = Pattern.compile("[\\n\\r\\t\\x{0085}\\p{Zl}\\p{Zp}]");

    /** Every other control (Cc): removed. */
    private static final Pattern CONTROLS = Pattern.compile("\\p{Cc}");

    private InertText() {}

    /** The text with every link-like part defanged, except hosts under {@code allowedDomains}. */
    public static String defang(String text, String[] allowedDomains) {
        if (text == null) {
            return null;
        }
        Matcher m = LINKISH.matcher(withoutFormat(text));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(defangMatch(m, allowedDomains)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String defangMatch(Matcher m, String[] allowedDomains) {
        if (m.group("url") != null) {
            String host = m.group("host");
            String rest = m.group("rest");
            // a backslash is a path separator to browsers and userinfo to others: never trusted
            if (allowed(host, allowedDomains) && rest.indexOf('\\') < 0) {
                return m.group();
            }
            return defangScheme(m.group("scheme")) + dots(host) + dots(rest);
        }
        String name = m.group("ip") != null ? m.group("ip") : m.group("name");
        return allowed(name, allowedDomains) ? name : dots(name);
    }

    private static String defangScheme(String scheme) {
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (lower.equals("http") || lower.equals("https")) {
            return "hxxp" + scheme.substring(4) + "://";
        }
        return dots(scheme) + "[:]//"; // a scheme may hold dots ("ht.tps"): a name itself
    }

    private static String dots(String text) {
        return DOTS.matcher(text).replaceAll("[.]");
    }

    /** Whether the host (without user info or port) is an allowed domain or below one. */
    static boolean allowed(String hostPart, String[] allowedDomains) {
        if (allowedDomains == null || allowedDomains.length == 0) {
            return false;
        }
        String host = hostPart.substring(hostPart.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        int colon = host.indexOf(':');
        host = colon >= 0 ? host.substring(0, colon) : host;
        for (String domain : allowedDomains) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text with line breaks and line or paragraph separators as spaces (a vendor's text cannot
     * start a new line of a message), without other controls or format characters (zero-width,
     * bidirectional).
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        return CONTROLS.matcher(BREAKS.matcher(withoutFormat(text)).replaceAll(" ")).replaceAll("");
    }

    /**
     * The text without format characters (Cf: zero-width, bidirectional controls, soft hyphen,
     * tags): invisible, so removed. By the JDK's tables, which know newer characters than RE2/J's.
     */
    private static String withoutFormat(String text) {
        int first = 0;
        while (first < text.length()
                && Character.getType(text.codePointAt(first)) != Character.FORMAT) {
            first += Character.charCount(text.codePointAt(first));
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        text.codePoints()
                .skip(text.codePointCount(0, first))
                .filter(cp -> Character.getType(cp) != Character.FORMAT)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
