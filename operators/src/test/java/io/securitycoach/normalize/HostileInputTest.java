package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.records.RawEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, findings 11, 12 and 14, and org ids from folders and stream tags: times never wrap or
 * throw, a line holds one JSON value, an invalid org id is a dead letter of its own.
 */
class HostileInputTest {
    private static final long NOW = VendorFixturesTest.NOW;
    private static final String OKTA_OK =
            "{\"uuid\":\"u1\",\"published\":\"2026-11-20T09:00:00Z\","
                + "\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"a@acme.com\"}}";

    private final EventNormalizer normalizer = new EventNormalizer();

    private String reason(String org, String vendor, String payload, VendorRegistry vendors) {
        RawEvent raw = new RawEvent(org, vendor, payload, "test:1", NOW);
        EventNormalizer.Result r = normalizer.normalize(raw, NOW, vendors);
        return r.event != null
                ? "event at " + r.event.eventTime
                : r.deadLetter.reason + ": " + r.deadLetter.message;
    }

    private String reason(String vendor, String payload) {
        return reason("acme", vendor, payload, VendorRegistry.builtIn());
    }

    private static String okta(String published) {
        return OKTA_OK.replace("2026-11-20T09:00:00Z", published);
    }

    private static String netskope(String timestamp) {
        return "{\"_id\": \"n1\", \"timestamp\": "
                + timestamp
                + ", \"type\": \"page\", \"userkey\": \"a@acme.com\","
                + " \"ucg\": \"acme\", \"url\": \"https://x.example/\"}";
    }

    private static String zscaler(String epochtime) {
        return "{\"urlcategory\":\"News\",\"epochtime\":" + epochtime + ",\"user\":\"a@acme.com\"}";
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // finding 11: the year parses, epoch millis overflow (was normalizer_error:
                // ArithmeticException)
                "okta | +999999999-01-01T00:00:00Z",
                "okta | -999999999-01-01T00:00:00Z",
                "okta | 2250-01-01T00:00:00Z",
                "okta | +10000-01-01T00:00:00.5Z"
            })
    void isoTimesBeyondThePlausibleRangeAreInvalidTime(String vendor, String time) {
        assertThat(reason(vendor, okta(time))).startsWith("invalid_time");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // finding 12: 2^64 + a plausible time, whose low 64 bits are that time (was
                // accepted)
                "18446744075504721616",
                // a negative whose x1000 wraps to 1795170000616 ms, a plausible time (was accepted)
                "-18446742278539551",
                "1e300",
                "-1795170000",
                "7300000000"
            })
    void epochSecondsThatWrapOrLieOutsideTheRangeAreInvalidTime(String seconds) {
        assertThat(reason("netskope", netskope(seconds))).startsWith("invalid_time");
        assertThat(reason("zscaler", zscaler(seconds))).startsWith("invalid_time");
    }

    @Test
    void plausibleEpochSecondsStillNormalize() {
        assertThat(reason("netskope", netskope("1795170000"))).isEqualTo("event at 1795170000000");
        assertThat(reason("zscaler", zscaler("\"1795170000\"")))
                .isEqualTo("event at 1795170000000");
        assertThat(reason("zscaler", zscaler("1795170000.9"))).isEqualTo("event at 1795170000000");
    }

    @Test
    void crowdStrikeMillisBeyondALongAreInvalidTime() {
        String record =
                "{\"metadata\":{\"eventType\":\"AuthActivityAuditEvent\",\"eventCreationTime\":%s},"
                    + "\"event\":{\"UserId\":\"a@acme.com\",\"OperationName\":\"userAuthenticate\",\"Success\":true}}";
        assertThat(reason("crowdstrike", String.format(record, "18446746868879551616")))
                .startsWith("invalid_time");
        assertThat(reason("crowdstrike", String.format(record, "7258118400001")))
                .startsWith("invalid_time");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "epoch_seconds | 1e300",
                "epoch_seconds | NaN",
                "epoch_seconds | -1",
                "epoch_millis | 99999999999999999",
                "epoch_millis | 99999999999999999999",
                "iso8601 | +999999999-01-01T00:00:00Z",
                "iso8601 | +999999999-01-01T00:00:00+01:00"
            })
    void parsingConfigurationTimesOutsideTheRangeAreInvalidTime(String format, String value)
            throws Exception {
        String config =
                "parser: feed-t\norg: acme\nversion: 1\nclass: web\nfields:\n"
                        + "  event_time: {path: t, format: "
                        + format
                        + "}\n  actor: {path: u}\n";
        VendorRegistry vendors =
                VendorRegistry.builtIn().plus(List.of(ParserCompiler.compile(config, "t.yaml")));
        String record = "{\"t\": \"" + value + "\", \"u\": \"a@acme.com\"}";
        assertThat(reason("acme", "feed-t", record, vendors)).startsWith("invalid_time");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // finding 14: two objects on one line were one event; trailing garbage was ignored
                "OK OK",
                "OK,OK",
                "OK junk",
                "OK ]",
                "OK 1",
                "OK \"x\""
            })
    void anythingAfterTheFirstJsonValueIsTrailingContent(String line) {
        assertThat(reason("okta", line.replace("OK", OKTA_OK))).startsWith("trailing_content");
    }

    @Test
    void whitespaceAfterTheValueIsFine() {
        assertThat(reason("okta", OKTA_OK + " \t \r")).startsWith("event at");
        assertThat(reason("okta", "  " + OKTA_OK)).startsWith("event at");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {"Acme", "../acme", "acme corp", "acme_corp", "acme.corp", "-acme", "acme--x"})
    void anInvalidOrgIdFromAFolderOrStreamTagIsADeadLetter(String org) {
        assertThat(reason(org, "okta", OKTA_OK, VendorRegistry.builtIn()))
                .startsWith("invalid_org");
    }

    @Test
    void validOrgIdsStillNormalize() {
        for (String org : List.of("acme", "globex", "org-001", "42")) {
            assertThat(reason(org, "okta", OKTA_OK, VendorRegistry.builtIn()))
                    .as(org)
                    .startsWith("event at");
        }
    }
}
