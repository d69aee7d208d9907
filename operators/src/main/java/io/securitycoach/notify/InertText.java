package io.securitycoach.notify;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Locale;

/**
 * Makes vendor-supplied text safe to show to a person: URLs, host names and IPv4 addresses are
 * defanged ({@code https://evil.example/login} becomes {@code hxxps://evil[.]example/login}) so no
 * chat client turns them into links, unless the host is one of the org's link domains (or below
 * one); control and bidirectional-override characters are removed so text cannot rewrite a terminal
 * or reorder what is read.
 */
public final class InertText {
    /** Letters of any script: a look-alike name in Cyrillic is still a name a client may link. */
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";

    /**
     * RE2/J, not java.util.regex: vendor text decides the input, and the JDK's backtracking matcher
     * recurses per repetition ("a.a.a..." of a few KiB threw StackOverflowError); RE2 is linear.
     */
    private static final Pattern LINKISH =
            Pattern.compile(
                    "(?i)(?P<url>(?P<scheme>[a-z][a-z0-9+.-]{1,15})://(?P<host>[^\\s/?#<>\"'\\\\]+)(?P<rest>[^\\s<>\"']*))"
                        + "|(?P<ip>\\d{1,3}(?:\\.\\d{1,3}){3})|(?P<name>(?:"
                            + LABEL
                            + "\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59}))");

    /** C0 and C1 controls, DEL, and the bidirectional embedding/override/isolate characters. */
    private static final Pattern CONTROLS =
            Pattern.compile("[\\x00-\\x1f\\x7f-\\x9f\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]");

    private InertText() {}

    /** The text with every link-like part defanged, except hosts under {@code allowedDomains}. */
    public static String defang(String text, String[] allowedDomains) {
        if (text == null) {
            return null;
        }
        Matcher m = LINKISH.matcher(text);
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
            if (allowed(host, allowedDomains)) {
                return m.group();
            }
            return defangScheme(m.group("scheme")) + dots(host) + m.group("rest");
        }
        String name = m.group("ip") != null ? m.group("ip") : m.group("name");
        return allowed(name, allowedDomains) ? name : dots(name);
    }

    private static String defangScheme(String scheme) {
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (lower.equals("http") || lower.equals("https")) {
            return "hxxp" + scheme.substring(4) + "://";
        }
        return scheme + "[:]//";
    }

    private static String dots(String host) {
        return host.replace(".", "[.]");
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
     * The text without control or bidirectional-override characters (line breaks become spaces).
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        return CONTROLS.matcher(text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '))
                .replaceAll("");
    }
}
