package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.EventSummaries;
import io.securitycoach.schema.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the employee reads: every fixture event's summary is a short second-person sentence without
 * vendor codes.
 */
class FixtureSummariesTest {
    /** An identifier, not words: user.session.start, click_permitted, MalwareDetected. */
    private static final Pattern CODE =
            Pattern.compile(
                    "^[A-Za-z0-9]+([._][A-Za-z0-9]+)+$|^[a-z]+[A-Z][A-Za-z0-9]*$"
                            + "|^[A-Z][a-z]+[A-Z][A-Za-z0-9]*$");

    /** "reached you(r inbox)", but not "stopped before it reached you". */
    private static final Pattern REACHED = Pattern.compile("(?<!before it )reached");

    static List<SecurityEvent> fixtureEvents() {
        List<SecurityEvent> events = new ArrayList<>();
        EventNormalizer normalizer = new EventNormalizer();
        for (Fixtures.Fixture fixture : Fixtures.all()) {
            for (String record : fixture.records) {
                RawEvent raw =
                        new RawEvent(
                                "acme", fixture.vendor, record, fixture.toString(), Fixtures.NOW);
                normalizer.normalizeAll(raw, Fixtures.NOW).stream()
                        .filter(r -> r.event != null)
                        .forEach(r -> events.add(r.event));
            }
        }
        return events;
    }

    @Test
    void everyFixtureReadsAsAPlainSentenceToThePerson() {
        List<SecurityEvent> events = fixtureEvents();
        assertThat(events).hasSizeGreaterThan(80);
        for (SecurityEvent e : events) {
            String summary = EventSummaries.describe(e);
            String what = e.vendor + " " + e.eventUid + ": " + summary;
            assertThat(summary)
                    .as(what)
                    .isNotBlank()
                    .hasSizeLessThanOrEqualTo(EventSummaries.MAX_CHARS)
                    .endsWith(".");
            assertThat(Character.isUpperCase(summary.charAt(0))).as(what).isTrue();
            assertThat(summary.toLowerCase(Locale.ROOT)).as(what).containsPattern("\\byou(r)?\\b");
            if (e.activity != null && CODE.matcher(e.activity).matches()) {
                assertThat(summary)
                        .as(what + " repeats the code " + e.activity)
                        .doesNotContain(e.activity);
            }
        }
    }

    /**
     * A summary claims an outcome only where the event says it: "blocked"/"stopped" only for action
     * blocked, "delivered"/"reached" only for an allowed email or a delivery activity, "You signed
     * in" only for a successful sign-in. An unknown verdict says what happened without the outcome.
     */
    @Test
    void noSummaryClaimsAnOutcomeTheEventDoesNotSay() {
        List<SecurityEvent> events = fixtureEvents();
        long unknown = events.stream().filter(e -> "unknown".equals(e.action)).count();
        assertThat(unknown).as("fixtures with an unknown verdict").isGreaterThan(10);
        for (SecurityEvent e : events) {
            assertThat(overstatement(e)).as(e.vendor + " " + e.eventUid).isNull();
        }
    }

    @Test
    void theOverstatementCheckCatchesEachClaim() {
        SecurityEvent email = new SecurityEvent();
        email.eventClass = "email";
        email.action = "unknown";
        email.emailSender = "x@example.example";
        assertThat(overstatement(email)).isNull();
        email.action = "blocked";
        assertThat(overstatement(email)).isNull();
        SecurityEvent lying = new SecurityEvent();
        lying.eventClass = "web";
        lying.action = "unknown";
        assertThat(overstatement(lying, "You tried to open a site; it was blocked."))
                .contains("blocked");
        assertThat(overstatement(lying, "An email reached your inbox.")).contains("delivered");
        assertThat(overstatement(lying, "You signed in.")).contains("signed in");
    }

    private static String overstatement(SecurityEvent e) {
        return overstatement(e, EventSummaries.describe(e));
    }

    /** What the summary claims that the event does not say, or null. */
    static String overstatement(SecurityEvent e, String summary) {
        String s = summary.toLowerCase(Locale.ROOT);
        String activity = e.activity == null ? "" : e.activity.toLowerCase(Locale.ROOT);
        boolean blocked = "blocked".equals(e.action) || activity.contains("block");
        if ((s.contains("blocked") || s.contains("stopped")) && !blocked) {
            return "claims blocked/stopped for action " + e.action + ": " + summary;
        }
        boolean delivered =
                "email".equals(e.eventClass) && "allowed".equals(e.action)
                        || activity.contains("deliver");
        if ((s.contains("delivered") || REACHED.matcher(s).find()) && !delivered) {
            return "claims delivered for action " + e.action + ": " + summary;
        }
        if (s.startsWith("you signed in") && !"success".equals(e.outcome)) {
            return "claims signed in for outcome " + e.outcome + ": " + summary;
        }
        return null;
    }

    @Test
    void theExamplesOfTheIssueReadAsWritten() {
        SecurityEvent click = new SecurityEvent();
        click.eventClass = "email";
        click.activity = "click_blocked";
        click.action = "blocked";
        click.emailSender = "it-support@login-example.example";
        click.threatName = "phish";
        assertThat(EventSummaries.describe(click))
                .isEqualTo(
                        "You clicked a link in an email from it-support@login-example.example; the"
                                + " link led to a phishing page and was blocked.");
        SecurityEvent edr = new SecurityEvent();
        edr.eventClass = "endpoint";
        edr.actorHost = "ACME-LT-0142";
        edr.processName = "TerraformHelper_x64.exe";
        edr.threatName = "malware";
        assertThat(EventSummaries.describe(edr))
                .isEqualTo(
                        "Your device ACME-LT-0142 ran TerraformHelper_x64.exe, which the endpoint"
                                + " agent flagged as malware.");
    }

    @Test
    void longVendorTextCannotMakeItLong() {
        SecurityEvent web = new SecurityEvent();
        web.eventClass = "web";
        web.urlHost = "a".repeat(5000) + ".example";
        web.urlCategory = "b".repeat(5000);
        web.threatName = "c".repeat(5000);
        assertThat(EventSummaries.describe(web)).hasSizeLessThanOrEqualTo(EventSummaries.MAX_CHARS);
    }
}
