package io.securitycoach.schema;

import static io.securitycoach.schema.EventSummaries.blank;
import static io.securitycoach.schema.EventSummaries.in;
import static io.securitycoach.schema.EventSummaries.lower;
import static io.securitycoach.schema.EventSummaries.value;
import static io.securitycoach.schema.EventSummaries.words;

/** Summaries of sign-ins, account changes and admin actions, in the second person. */
final class AccountSummaries {
    private AccountSummaries() {}

    static String auth(SecurityEvent e) {
        String activity = lower(e.activity);
        String from = blank(e.actorIp) ? "" : " from " + value(e.actorIp);
        if (activity.contains("deny_push")
                || activity.contains("push") && "failure".equals(e.outcome)) {
            return "You rejected a sign-in request sent to your phone" + from + ".";
        }
        if ("findings".equals(e.category)) {
            String title = words(e.activity);
            return "A sign-in to your account was flagged as risky"
                    + (title == null ? "" : ": " + title)
                    + ".";
        }
        if (activity.startsWith("policy.")) {
            return "A sign-in to your account"
                    + from
                    + " was "
                    + ("blocked".equals(e.action) ? "blocked" : "checked")
                    + " by a sign-on policy.";
        }
        if (activity.startsWith("security.threat")) {
            return "A sign-in attempt to your account"
                    + from
                    + " came from a source known for attacks.";
        }
        if (activity.contains("session.end") || activity.contains("logout")) {
            return "You signed out.";
        }
        if ("failure".equals(e.outcome)) {
            return "A sign-in to your account" + from + " failed.";
        }
        return "success".equals(e.outcome)
                ? "You signed in" + from + "."
                : "A sign-in to your account" + from + " was recorded.";
    }

    static String account(SecurityEvent e) {
        String activity = lower(e.activity);
        if (activity.contains("compromised")) {
            String source = blank(e.app) ? "" : " (" + value(e.app) + ")";
            return "Your password appeared in a data breach"
                    + source
                    + "; please change it wherever you used it.";
        }
        if (activity.contains("unlock")) {
            return "Your account was unlocked.";
        }
        if (activity.contains("lock")) {
            return "Your account was locked after too many failed sign-ins.";
        }
        if (activity.contains("password")) {
            return "Your password was changed.";
        }
        if (activity.contains("factor")) {
            return "A sign-in method (MFA factor) on your account was changed.";
        }
        return "A change was made to your account" + in(e) + ".";
    }

    static String admin(SecurityEvent e) {
        String what = words(e.message) != null ? words(e.message) : words(e.activity);
        return "An administrative action was recorded under your account"
                + in(e)
                + (what == null ? "" : ": " + what)
                + ".";
    }
}
