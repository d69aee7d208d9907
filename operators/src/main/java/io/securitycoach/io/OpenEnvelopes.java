package io.securitycoach.io;

import io.securitycoach.records.RawEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Opens the envelopes of a shared stream or prefix ({@link SharedChannel}): each sealed record
 * becomes the vendor records it carries, with the org and vendor its envelope names, or one
 * rejected record. Records already attributed pass unchanged.
 */
public final class OpenEnvelopes implements FlatMapFunction<RawEvent, RawEvent> {
    private static final long serialVersionUID = 1L;

    private final SharedChannel channel;

    public OpenEnvelopes(SharedChannel channel) {
        this.channel = channel;
    }

    @Override
    public void flatMap(RawEvent raw, Collector<RawEvent> out) {
        if (!SharedChannel.isSealed(raw)) {
            out.collect(raw);
            return;
        }
        for (RawEvent opened : channel.open(raw.payload, raw.origin, raw.ingestTime)) {
            out.collect(opened);
        }
    }
}
