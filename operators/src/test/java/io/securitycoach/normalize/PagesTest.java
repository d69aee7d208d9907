package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A page on one line becomes one outcome per record, each with its own position and a stable uid.
 */
class PagesTest {
    private static final long NOW = Fixtures.NOW;
    private static final String ZSCALER =
            "{\"time\":\"Fri Nov 20 12:00:01 2026\",\"login\":\"%s@acme.com\",\"urlcat\":\"News\","
                    + "\"eurl\":\"news.example/\",\"action\":\"Allowed\"}";

    private final EventNormalizer normalizer = new EventNormalizer();

    private List<EventNormalizer.Result> normalize(String vendor, String line) {
        return normalizer.normalizeAll(new RawEvent("acme", vendor, line, "f.jsonl:7", NOW), NOW);
    }

    @Test
    void everyRecordOfAPageKeepsItsLineAndPosition() {
        String page =
                "{\"value\": ["
                        + String.format(ZSCALER, "a")
                        + ", {\"no\": \"shape\"}, "
                        + String.format(ZSCALER, "b")
                        + "], \"@odata.nextLink\": \"https://next\"}";
        List<EventNormalizer.Result> results = normalize("zscaler", page);

        assertThat(results).hasSize(3);
        assertThat(results.get(0).event.actorEmail).isEqualTo("a@acme.com");
        assertThat(results.get(1).deadLetter.origin).isEqualTo("f.jsonl:7#1");
        assertThat(results.get(1).deadLetter.raw).isEqualTo("{\"no\":\"shape\"}");
        assertThat(results.get(2).event.actorEmail).isEqualTo("b@acme.com");
    }

    @Test
    void uidsOfRecordsWithoutAnIdAreStableAndDistinctPerPosition() {
        String same = String.format(ZSCALER, "a");
        String page = "[" + same + "," + same + "]";
        List<String> first =
                normalize("zscaler", page).stream()
                        .map(r -> r.event.eventUid)
                        .collect(Collectors.toList());
        List<String> replay =
                normalize("zscaler", page).stream()
                        .map(r -> r.event.eventUid)
                        .collect(Collectors.toList());

        assertThat(first).doesNotHaveDuplicates().isEqualTo(replay);
        assertThat(first.get(0)).isNotEqualTo(normalize("zscaler", same).get(0).event.eventUid);
    }

    @Test
    void aPageOfNonObjectsIsOneDeadLetterForTheLine() {
        List<EventNormalizer.Result> results = normalize("okta", "[1, 2, 3]");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).deadLetter.reason).isEqualTo(Reasons.NOT_AN_OBJECT);
        assertThat(results.get(0).deadLetter.origin).isEqualTo("f.jsonl:7");
    }

    @Test
    void anEmptyPageHoldsNothing() {
        assertThat(normalize("netskope", "{\"ok\": 1, \"result\": []}")).isEmpty();
        assertThat(
                        normalizer.normalize(new RawEvent("acme", "okta", "[]", "f:1", NOW), NOW)
                                .deadLetter
                                .reason)
                .isEqualTo(Reasons.EMPTY_PAGE);
    }

    @Test
    void anObjectWithOtherKeysIsARecordNotAPage() {
        assertThat(
                        PageSplitter.split(
                                Json.mapper()
                                        .createObjectNode()
                                        .put("id", "x")
                                        .set("value", Json.mapper().createArrayNode())))
                .isNull();
    }
}
