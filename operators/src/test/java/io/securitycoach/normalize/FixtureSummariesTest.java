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
