package io.securitycoach.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class LabelledCountersTest {

    @Test
    void perOrgCountsTheOrgsSeriesAndTheAggregateOnceEach() {
        Map<String, Counter> registered = new TreeMap<>();
        LabelledCounters deliveries =
                new LabelledCounters(
                        new Recording("", registered),
                        "deliveries",
                        true,
                        "org",
                        "channel",
                        "status");
        deliveries.inc("acme", "slack", "delivered");
        deliveries.inc("acme", "slack", "delivered");
        deliveries.inc("acme", "slack", "failed");
        deliveries.inc("globex", "slack", "delivered");
        deliveries.inc("globex", "webhook", null);

        assertThat(registered)
                .containsOnlyKeys(
                        "org=acme/channel=slack/status=delivered/deliveries",
                        "org=acme/channel=slack/status=failed/deliveries",
                        "org=globex/channel=slack/status=delivered/deliveries",
                        "org=globex/channel=webhook/status=none/deliveries",
                        "org=all/channel=slack/status=delivered/deliveries",
                        "org=all/channel=slack/status=failed/deliveries",
                        "org=all/channel=webhook/status=none/deliveries");
        assertThat(registered.get("org=acme/channel=slack/status=delivered/deliveries").getCount())
                .isEqualTo(2);
        assertThat(registered.get("org=all/channel=slack/status=delivered/deliveries").getCount())
                .isEqualTo(3);
        assertThat(registered.get("org=acme/channel=slack/status=failed/deliveries").getCount())
                .isEqualTo(1);
    }

    @Test
    void aggregatedKeepsOnlyTheAllOrgsSeries() {
        Map<String, Counter> registered = new TreeMap<>();
        LabelledCounters deadLetters =
                new LabelledCounters(
                        new Recording("", registered),
                        "deadLetters",
                        false,
                        "org",
                        "vendor",
                        "reason");
        deadLetters.inc("acme", "okta", "invalid_json");
        deadLetters.inc("globex", "okta", "invalid_json");

        assertThat(registered)
                .containsOnlyKeys("org=all/vendor=okta/reason=invalid_json/deadLetters");
        assertThat(registered.get("org=all/vendor=okta/reason=invalid_json/deadLetters").getCount())
                .isEqualTo(2);
    }

    /** The last values' counters are kept: alternating values must still count apart. */
    @Test
    void runsAndAlternationsOfValuesCountIntoTheirOwnSeries() {
        Map<String, Counter> registered = new TreeMap<>();
        LabelledCounters events =
                new LabelledCounters(
                        new Recording("", registered), "events", true, "org", "vendor", "status");
        events.inc(3, "acme", "okta", "ok");
        events.inc(2, "acme", "okta", "ok");
        events.inc("globex", "okta", "ok");
        events.inc(4, "acme", "okta", "ok");
        String[] reused = {"acme", "zscaler", "ok"};
        events.inc(reused);
        reused[1] = "okta"; // a caller's array changed after the call: counted as what it is now
        events.inc(reused);

        assertThat(registered.get("org=acme/vendor=okta/status=ok/events").getCount())
                .isEqualTo(10);
        assertThat(registered.get("org=acme/vendor=zscaler/status=ok/events").getCount())
                .isEqualTo(1);
        assertThat(registered.get("org=globex/vendor=okta/status=ok/events").getCount())
                .isEqualTo(1);
        assertThat(registered.get("org=all/vendor=okta/status=ok/events").getCount()).isEqualTo(11);
    }

    @Test
    void countersWithoutAnOrgLabelAreRegisteredOnce() {
        Map<String, Counter> registered = new TreeMap<>();
        LabelledCounters statuses =
                new LabelledCounters(new Recording("", registered), "rules", true, "status");
        statuses.inc("accepted");
        statuses.inc("accepted");

        assertThat(registered).containsOnlyKeys("status=accepted/rules");
        assertThat(registered.get("status=accepted/rules").getCount()).isEqualTo(2);
    }

    /** A metric group that records the path of every counter registered under it. */
    private static final class Recording extends UnregisteredMetricsGroup {
        private final String path;
        private final Map<String, Counter> registered;

        Recording(String path, Map<String, Counter> registered) {
            this.path = path;
            this.registered = registered;
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new Recording(path + key + "=" + value + "/", registered);
        }

        @Override
        public Counter counter(String name) {
            Counter c = new SimpleCounter();
            assertThat(registered.put(path + name, c))
                    .as("registered twice: " + path + name)
                    .isNull();
            return c;
        }
    }
}
