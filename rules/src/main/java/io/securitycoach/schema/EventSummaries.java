package io.securitycoach.schema;

import java.util.Locale;

/**
 * What happened, as a plain sentence to the person it happened to ("You clicked a link in an email
 * from ..."), for coaching messages and audit: one sentence shape per class and common activity,
 * filled from the record's facts. Vendor codes ({@code click_permitted}, {@code
 * user.session.start}) never appear; vendor titles do only when they read as words. At most {@link
 * #MAX_CHARS} characters. Vendor text stays plain text here: the notify side makes it inert for
 * each channel.
 */
public final class EventSummaries {
    public static final int MAX_CHARS = 300;
    private static final int MAX_VALUE_CHARS = 80;

    private EventSummaries() {}

    public static String describe(SecurityEvent e) {
        String cls = e.eventClass == null ? "" : e.eventClass;
        String sentence;
        switch (cls) {
            case "web":
                sentence = web(e);
                break;
            case "email":
                sentence = email(e);
                break;
            case "endpoint":
                sentence = endpoint(e);
                break;
            case "auth":
                sentence = AccountSummaries.auth(e);
                break;
            case "account":
                sentence = AccountSummaries.account(e);
                break;
            case "admin":
                sentence = AccountSummaries.admin(e);
                break;
            case "dlp":
                sentence = dlp(e);
                break;
            case "network":
                sentence = network(e);
                break;
            default:
                sentence = "A security event about your account was recorded" + by(e) + ".";
        }
        return clamp(sentence);
    }

    private static String web(SecurityEvent e) {
        String where = or(value(e.urlHost), value(e.url), value(e.app), "a website");
        String category = blank(e.urlCategory) ? "" : " (" + value(e.urlCategory) + ")";
        String threat = blank(e.threatName) ? "" : ", flagged as " + value(e.threatName);
        String title = words(e.activity);
        if ("findings".equals(e.category) && title != null) {
            return "Your activity in "
                    + where
                    + " was flagged: "
                    + title
                    + (blocked(e) ? "; it was blocked." : ".");
        }
        if (blocked(e)) {
            return "You tried to open " + where + category + threat + "; it was blocked.";
        }
        String activity = lower(e.activity);
        if (!blank(e.fileName) && ("upload".equals(activity) || "post".equals(activity))) {
            return "You uploaded " + value(e.fileName) + " to " + where + category + threat + ".";
        }
        return "You opened " + where + category + threat + ".";
    }

    private static String email(SecurityEvent e) {
        String from = blank(e.emailSender) ? "an unknown sender" : value(e.emailSender);
        String threat = threatWords(e.threatName);
        String activity = lower(e.activity);
        if (activity.startsWith("click")) {
            String led = blank(e.urlHost) ? "the link" : "the link to " + value(e.urlHost);
            return "You clicked a link in an email from "
                    + from
                    + "; "
                    + led
                    + " led to "
                    + threat
                    + (blocked(e) ? " and was blocked." : ".");
        }
        String subject = blank(e.emailSubject) ? "" : " (\"" + value(e.emailSubject) + "\")";
        if (blocked(e)) {
            return "An email to you from "
                    + from
                    + subject
                    + " carried "
                    + threat
                    + " and was stopped before it reached you.";
        }
        return "allowed".equals(e.action)
                ? "An email from "
                        + from
                        + subject
                        + " that carries "
                        + threat
                        + " was delivered to your mailbox."
                : "An email to you from " + from + subject + " was found to carry " + threat + ".";
    }

    private static String endpoint(SecurityEvent e) {
        String device = blank(e.actorHost) ? "Your device" : "Your device " + value(e.actorHost);
        String flagged =
                "as "
                        + (blank(e.threatName)
                                ? (blank(e.mitreTactic)
                                        ? "suspicious"
                                        : "suspicious ("
                                                + value(e.mitreTactic).toLowerCase(Locale.ROOT)
                                                + ")")
                                : value(e.threatName));
        String what =
                blank(e.processName)
                        ? (blank(e.fileName) ? null : value(e.fileName))
                        : value(e.processName);
        String stopped = blocked(e) ? "; it was stopped." : ".";
        if (what == null) {
            String title = words(e.activity);
            return device
                    + " raised an alert from the endpoint agent"
                    + (title == null ? "" : ": " + title)
                    + stopped;
        }
        return device + " ran " + what + ", which the endpoint agent flagged " + flagged + stopped;
    }

    private static String dlp(SecurityEvent e) {
        String verb = verb(lower(e.activity));
        String file = blank(e.fileName) ? "a file" : value(e.fileName);
        String where = or(value(e.app), value(e.urlHost), null, null);
        String profile =
                blank(e.dlpProfile)
                        ? "a data protection policy"
                        : "the " + value(e.dlpProfile) + " data protection policy";
        String result = blocked(e) ? "; it was blocked." : ".";
        if (verb == null) {
            return "A file you handled, "
                    + file
                    + (where == null ? "" : " in " + where)
                    + ", matched "
                    + profile
                    + result;
        }
        return "You "
                + verb
                + " "
                + file
                + (where == null ? "" : " to " + where)
                + ", which matched "
                + profile
                + result;
    }

    private static String network(SecurityEvent e) {
        String device = blank(e.actorHost) ? "your device" : "your device " + value(e.actorHost);
        String app = blank(e.app) ? "" : " (" + value(e.app) + ")";
        return blocked(e)
                ? "A connection from " + device + app + " was blocked by the firewall."
                : "A connection from " + device + app + " was flagged by the firewall.";
    }

    private static String verb(String activity) {
        switch (activity) {
            case "upload":
                return "uploaded";
            case "share":
                return "shared";
            case "download":
                return "downloaded";
            case "post":
                return "posted";
            case "send":
                return "sent";
            default:
                return null;
        }
    }

    /** A vendor's threat classification in words a person reads. */
    static String threatWords(String threat) {
        String t = lower(threat);
        if (t.contains("phish")) return "a phishing page";
        if (t.contains("malware")) return "malware";
        if (t.contains("impostor")) return "an impostor's message";
        if (t.contains("spam")) return "spam";
        return blank(threat) ? "something harmful" : "a threat (" + value(threat) + ")";
    }

    static String by(SecurityEvent e) {
        return blank(e.product) ? "" : " by " + value(e.product);
    }

    static String in(SecurityEvent e) {
        return blank(e.product) ? "" : " in " + value(e.product);
    }

    /**
     * The text if it reads as words (a title with spaces), null for codes like user.session.start.
     */
    static String words(String s) {
        return blank(s) || s.trim().indexOf(' ') < 0 ? null : value(s);
    }

    static boolean blocked(SecurityEvent e) {
        return "blocked".equals(e.action);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** Vendor text, trimmed and bounded so one long value cannot crowd out the sentence. */
    static String value(String s) {
        if (blank(s)) {
            return null;
        }
        String t = s.trim();
        return t.length() <= MAX_VALUE_CHARS ? t : t.substring(0, MAX_VALUE_CHARS - 1) + "…";
    }

    static String or(String a, String b, String c, String otherwise) {
        return a != null ? a : b != null ? b : c != null ? c : otherwise;
    }

    private static String clamp(String sentence) {
        return sentence.length() <= MAX_CHARS
                ? sentence
                : sentence.substring(0, MAX_CHARS - 1) + "…";
    }
}
