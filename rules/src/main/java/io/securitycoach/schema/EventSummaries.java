package io.securitycoach.schema;

/** What happened, in plain words an employee understands, for coaching messages and audit. */
public final class EventSummaries {
    private EventSummaries() {}

    public static String describe(SecurityEvent e) {
        String cls = e.eventClass == null ? "" : e.eventClass;
        switch (cls) {
            case "web": {
                String where = firstNonBlank(e.urlHost, e.url, "a website");
                String category = blank(e.urlCategory) ? "" : " (" + e.urlCategory + ")";
                String threat = blank(e.threatName) ? "" : ", flagged as " + e.threatName;
                String verb = "blocked".equals(e.action) ? "tried to open " : "opened ";
                String result = "blocked".equals(e.action) ? "; it was blocked" : "";
                return "You " + verb + where + category + threat + result + ".";
            }
            case "auth": {
                String what = firstNonBlank(e.message, e.activity, "a sign-in");
                String outcome = blank(e.outcome) ? "" : " (" + e.outcome + ")";
                String from = blank(e.actorIp) ? "" : " from " + e.actorIp;
                return what + outcome + from + ".";
            }
            default:
                return firstNonBlank(e.message, e.activity, "A security event") + ".";
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstNonBlank(String a, String b, String otherwise) {
        if (!blank(a)) return a;
        if (!blank(b)) return b;
        return otherwise;
    }
}
