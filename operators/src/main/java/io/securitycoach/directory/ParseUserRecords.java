package io.securitycoach.directory;

import io.securitycoach.records.UserRecord;
import io.securitycoach.util.Tags;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Directory JSON lines to user records; bad lines to the dead-letter side output. */
public class ParseUserRecords extends ProcessFunction<String, UserRecord> {
    private final String origin;

    public ParseUserRecords(String origin) {
        this.origin = origin;
    }

    @Override
    public void processElement(String line, Context ctx, Collector<UserRecord> out) {
        if (line.isBlank()) {
            return;
        }
        UserRecordParser.Result r =
                UserRecordParser.parse(line, origin, System.currentTimeMillis());
        if (r.user != null) {
            out.collect(r.user);
        } else {
            ctx.output(Tags.DEAD_LETTERS, r.deadLetter);
        }
    }
}
