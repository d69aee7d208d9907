package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.schema.Hashes;
import io.securitycoach.schema.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 28, finding 6: progress keeps fixed-size hashes of distinct values, and bounded uids. */
class DistinctHashesTest {
    private static final long MIN = 60_000;
    private static final String KEY = "acme/many-urls";
    private final RuleEngine engine = new RuleEngine(5_000);
    private final RuleIndex index = new RuleIndex();
    private final MemoryProgressStore progress = new MemoryProgressStore();

    DistinctHashesTest() throws Exception {
        index.install(
                RuleParser.parse(
                        "org: acme\nid: many-urls\nversion: 3\nwhen: event.class == 'web'\n"
                                + "threshold: {count: 3, within: 1h, distinct: url}\n"
                                + "coach:\n  module: m\n  channels: [slack]\n"
                                + "  message: '{summary}'\n",
                        "t"));
    }

    private static SecurityEvent web(String uid, long minute, String url) {
        SecurityEvent e = new SecurityEvent();
        e.orgId = "acme";
        e.eventUid = uid;
        e.eventClass = "web";
        e.url = url;
        e.eventTime = 1_795_170_000_000L + minute * MIN;
        e.userId = "u-1";
        return e;
    }

    private List<String> feed(SecurityEvent... events) throws Exception {
        List<String> fired = new ArrayList<>();
        for (SecurityEvent e : events) {
            for (Detection d : engine.evaluate(index.candidates(e), e, progress, 0, (r, x) -> {})) {
                fired.add(String.join(",", d.eventUids));
            }
        }
        return fired;
    }

    @Test
    void progressHoldsHashesOfAFixedSizeWhateverTheValues() throws Exception {
        String large = "x".repeat(1_000_000);
        assertThat(feed(web("a", 0, large), web("b", 1, large + "y"))).isEmpty();
        RuleProgress p = progress.get(KEY);
        assertThat(p.valuesHashed).isTrue();
        assertThat(p.values).hasSize(2).allSatisfy(v -> assertThat(v).hasSize(32));
        assertThat(p.values[0])
                .as("values longer than a rule reads count by their first 4,096 characters")
                .isEqualTo(p.values[1]);
        assertThat(feed(web("c", 2, "short"), web("d", 3, "other"))).containsExactly("b,c,d");
    }

    @Test
    void aLongUidIsKeptAsItsHash() throws Exception {
        String longUid = "u".repeat(10_000);
        feed(web(longUid, 0, "one"), web("b", 1, "two"));
        assertThat(progress.get(KEY).uids)
                .containsExactly("sha256:" + Hashes.sha256Hex(longUid, 16), "b");
        assertThat(progress.get(KEY).uids[0])
                .hasSizeLessThanOrEqualTo(ProgressEntries.MAX_UID_CHARS);
    }

    @Test
    void progressOfAnEarlierLayoutWithFullValuesIsHashedAndKeepsCounting() throws Exception {
        RuleProgress legacy = new RuleProgress(); // as layouts up to 3 wrote it
        legacy.ruleVersion = 3;
        legacy.times = new long[] {web("x", 0, "").eventTime, web("x", 1, "").eventTime};
        legacy.uids = new String[] {"old-1", "old-2"};
        legacy.values = new String[] {"https://a.example/", "https://b.example/"};
        legacy.steps = new int[2];
        progress.put(KEY, legacy);
        assertThat(feed(web("new-1", 2, "https://a.example/")))
                .as("the same value as an old entry counts once")
                .isEmpty();
        assertThat(progress.get(KEY).valuesHashed).isTrue();
        assertThat(progress.get(KEY).values).allSatisfy(v -> assertThat(v).hasSize(32));
        assertThat(feed(web("new-2", 3, "https://c.example/")))
                .containsExactly("old-2,new-1,new-2");
    }
}
