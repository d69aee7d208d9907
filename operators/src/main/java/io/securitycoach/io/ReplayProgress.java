package io.securitycoach.io;

import io.securitycoach.records.RawEvent;
import org.apache.flink.api.common.accumulators.IntCounter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts what a replay has read, as accumulators (shown in the Web UI and polled by {@code ./coach
 * replay}): events, and files begun. A file split is read start to end by one reader, so a change
 * of file name within a subtask is a new file.
 */
public final class ReplayProgress extends RichMapFunction<RawEvent, RawEvent> {
    public static final String EVENTS = "replay-events";
    public static final String FILES = "replay-files";
    private static final long serialVersionUID = 1L;

    private transient LongCounter events;
    private transient IntCounter files;
    private transient String currentFile;

    @Override
    public void open(OpenContext context) {
        events = getRuntimeContext().getLongCounter(EVENTS);
        files = getRuntimeContext().getIntCounter(FILES);
    }

    @Override
    public RawEvent map(RawEvent e) {
        events.add(1L);
        String file = fileOf(e.origin);
        if (!file.equals(currentFile)) {
            currentFile = file;
            files.add(1);
        }
        return e;
    }

    /** origin is {@code path:line}, or the path alone for a refused file's one record. */
    static String fileOf(String origin) {
        if (origin == null) {
            return "";
        }
        int colon = origin.lastIndexOf(':');
        if (colon <= 0 || colon == origin.length() - 1) {
            return origin;
        }
        for (int i = colon + 1; i < origin.length(); i++) {
            if (!Character.isDigit(origin.charAt(i))) {
                return origin;
            }
        }
        return origin.substring(0, colon);
    }
}
