package io.securitycoach.standins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Invented Okta System Log events for a stand-in: sign-ins, denied Okta Verify pushes and account
 * locks by the given people, in the shape Okta documents (uuid, published, eventType, actor,
 * client, outcome, target). Every tenth is "published late": stored after events published later
 * than it.
 */
public final class OktaEvents {
    private static final String[][] KINDS = {
        {"user.session.start", "User login to Okta", "SUCCESS"},
        {"user.mfa.okta_verify.deny_push", "User rejected Okta push verify", "FAILURE"},
        {"user.account.lock", "Max sign in attempts exceeded", "SUCCESS"},
        {"user.authentication.sso", "User single sign on to app", "SUCCESS"},
    };

    private OktaEvents() {}

    /** {@code count} events by the given people, published from {@code start} a second apart. */
    public static List<String> generate(
            String org, List<String> emails, int count, Instant start, long seed) {
        Random random = new Random(seed);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = emails.get(random.nextInt(emails.size()));
            String[] kind = KINDS[random.nextInt(KINDS.length)];
            long offset =
                    i % 10 == 9 ? i - 5 : i; // published late: 5 s before those stored ahead of it
            events.add(event(org, i, email, kind, start.plusSeconds(offset), random));
        }
        return events;
    }

    private static String event(
            String org, int i, String email, String[] kind, Instant published, Random random) {
        String uuid =
                String.format(
                        "%08x-%04x-4000-8000-%012x",
                        org.hashCode() & 0xffffffffL, i & 0xffff, (long) i);
        String person =
                "{\"id\": \"00u"
                        + Math.abs(email.hashCode())
                        + "\", \"type\": \"User\", \"alternateId\": \""
                        + email
                        + "\", \"displayName\": \""
                        + email.substring(0, email.indexOf('@'))
                        + "\"}";
        boolean lock = kind[0].equals("user.account.lock");
        String actor =
                lock
                        ? "{\"id\": \"0oa1system\", \"type\": \"SystemPrincipal\", \"alternateId\":"
                                + " \"system@okta.com\", \"displayName\": \"Okta System\"}"
                        : person;
        return "{\"uuid\": \""
                + uuid
                + "\", \"published\": \""
                + published
                + "\", \"eventType\": \""
                + kind[0]
                + "\", \"version\": \"0\", \"severity\": \""
                + (lock ? "WARN" : "INFO")
                + "\", \"displayMessage\": \""
                + kind[1]
                + "\", \"actor\": "
                + actor
                + ", \"client\": {\"ipAddress\": \"198.51.100."
                + (1 + random.nextInt(200))
                + "\"}, \"outcome\": {\"result\": \""
                + kind[2]
                + "\"}"
                + (lock ? ", \"target\": [" + person + "]" : "")
                + "}";
    }
}
