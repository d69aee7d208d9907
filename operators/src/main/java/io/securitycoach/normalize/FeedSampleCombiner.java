package io.securitycoach.normalize;

import io.securitycoach.records.FeedSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Adds up the feed samples of one normalize task before they cross to the feed health monitor:
 * normalization makes one per vendor record, and each was a record on the network and a read and a
 * write of its feed's window in keyed state. One sample per feed goes on at most every {@link
 * #intervalMillis} (and sooner past {@link #MAX_RECORDS} records or {@link #MAX_FEEDS} feeds),
 * before every checkpoint barrier (so no state of its own: nothing is pending in a checkpoint), and
 * when the input ends. A record with a dead letter goes on at once with what its feed had pending,
 * so a feed turns unhealthy at the same record and with the same counts as when every record was a
 * sample (each feed's records reach one normalize task: the fair share before it is keyed by org
 * and hands on one to one). Records without a verdict wait with the clean ones: a share of them
 * over the monitor's window is what it alarms on (a third of the standard load workload's records
 * are such), and a second's delay does not change it; the alarm on it and a recovery are seen when
 * the samples that bring them go on, up to the interval later (a rise and fall within one interval
 * not at all). The monitor counts in buckets of a twelfth of its window on the wall clock.
 */
public class FeedSampleCombiner extends AbstractStreamOperator<FeedSample>
        implements OneInputStreamOperator<FeedSample, FeedSample>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** How long clean records of a feed wait at most, in the job. */
    public static final long INTERVAL_MILLIS = 1_000;

    /** Records added into one feed's sample before it goes on regardless of the clock. */
    static final int MAX_RECORDS = 10_000;

    /** Feeds pending at once before all go on regardless of the clock. */
    static final int MAX_FEEDS = 1_000;

    private final long intervalMillis;
    private transient Map<String, Pending> pending;
    private transient boolean timerSet;

    public FeedSampleCombiner(long intervalMillis) {
        this.intervalMillis = Math.max(1, intervalMillis);
        // an operator's default is to start a task of its own: the samples would still cross
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new LinkedHashMap<>();
    }

    @Override
    public void processElement(StreamRecord<FeedSample> element) {
        FeedSample s = element.getValue();
        String feed = s.feedKey();
        Pending p = pending.computeIfAbsent(feed, k -> new Pending(s.orgId, s.vendor));
        p.add(s);
        if (s.badReasons.length > 0) {
            // it may turn the feed unhealthy: the monitor sees it now, with the same counts as
            // when every record was a sample
            output.collect(new StreamRecord<>(pending.remove(feed).sample()));
        } else if (p.records >= MAX_RECORDS || pending.size() >= MAX_FEEDS) {
            emitAll();
        } else if (!timerSet) {
            timerSet = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + intervalMillis, t -> onTimer());
        }
    }

    private void onTimer() {
        timerSet = false;
        emitAll();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        emitAll(); // before the barrier: a restore replays the records behind it, not these
    }

    @Override
    public void endInput() {
        emitAll();
    }

    private void emitAll() {
        for (Pending p : pending.values()) {
            output.collect(new StreamRecord<>(p.sample()));
        }
        pending.clear();
    }

    /** One feed's records so far. */
    private static final class Pending {
        final String orgId;
        final String vendor;
        int records;
        int events;
        int unknownVerdicts;
        final List<String> badReasons = new ArrayList<>(0);

        Pending(String orgId, String vendor) {
            this.orgId = orgId;
            this.vendor = vendor;
        }

        void add(FeedSample s) {
            records++;
            events += s.events;
            unknownVerdicts += s.unknownVerdicts;
            for (String reason : s.badReasons) {
                badReasons.add(reason);
            }
        }

        FeedSample sample() {
            return FeedSample.of(
                    orgId, vendor, events, unknownVerdicts, badReasons.toArray(new String[0]));
        }
    }
}
