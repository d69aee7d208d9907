package io.securitycoach.normalize;

import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Tags;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/** The normalize stage: vendor records in, common events out, dead letters to a side output; counted per vendor and reason. */
public class NormalizeFunction extends ProcessFunction<RawEvent, SecurityEvent> {
    private transient EventNormalizer normalizer;
    private transient Map<String, Counter> counters;
    private transient MetricGroup metrics;

    @Override
    public void open(OpenContext openContext) {
        normalizer = new EventNormalizer();
        counters = new HashMap<>();
        metrics = getRuntimeContext().getMetricGroup();
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<SecurityEvent> out) {
        EventNormalizer.Result result = normalizer.normalize(raw, System.currentTimeMillis());
        if (result.event != null) {
            count("events", result.event.vendor, "ok");
            out.collect(result.event);
        } else {
            DeadLetter dl = result.deadLetter;
            count("deadLetters", String.valueOf(raw.vendor), dl.reason);
            ctx.output(Tags.DEAD_LETTERS, dl);
        }
    }

    private void count(String name, String vendor, String reason) {
        counters.computeIfAbsent(name + '/' + vendor + '/' + reason, k -> metrics
                .addGroup("vendor", vendor).addGroup("reason", reason).counter(name)).inc();
    }
}
