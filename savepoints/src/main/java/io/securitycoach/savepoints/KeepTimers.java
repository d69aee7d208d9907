package io.securitycoach.savepoints;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes state cells on but not the end-of-input watermark: a bootstrap operator that saw it would
 * fire (and so lose) the event-time timers it is writing before it takes its snapshot.
 */
final class KeepTimers extends AbstractStreamOperator<StateCell>
        implements OneInputStreamOperator<StateCell, StateCell> {
    private static final long serialVersionUID = 1L;

    /** The cells to write: without the key markers, and without the end-of-input watermark. */
    static DataStream<StateCell> on(DataStream<StateCell> cells) {
        return cells.filter(c -> !StateCell.KEY.equals(c.state))
                .transform("Keep timers", TypeInformation.of(StateCell.class), new KeepTimers());
    }

    @Override
    public void processElement(StreamRecord<StateCell> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        // held back on purpose
    }
}
