package io.securitycoach.directory;

import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.records.UserRecord;
import io.securitycoach.util.JobMetrics;
import io.securitycoach.util.Tags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Directory stage, keyed by (org, user id): puts each user's change log in order. The newest
 * version wins; an older one arriving late is dropped; a delete beats every older upsert (its
 * tombstone is kept for the retention period, then removed). Accepted records go on to enrichment;
 * the changes of the user's identities (bound, or released when an email is renamed or the user
 * deleted) go to the resolver on the {@link Tags#IDENTITY_CHANGES} side output.
 */
public class DirectoryChanges extends KeyedProcessFunction<String, UserRecord, UserRecord> {
    /**
     * Per user: the version and identities last accepted (public: the savepoint tools read and
     * rewrite it).
     */
    public static final ValueStateDescriptor<UserVersion> VERSION =
            new ValueStateDescriptor<>("user-version", UserVersion.class);

    private final long tombstoneRetentionMillis;
    private transient ValueState<UserVersion> current;
    private transient Counter stale;
    private transient Counter released;

    public DirectoryChanges(long tombstoneRetentionMillis) {
        this.tombstoneRetentionMillis = tombstoneRetentionMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        current = getRuntimeContext().getState(VERSION);
        stale = JobMetrics.exported(getRuntimeContext()).counter("directoryStaleIgnored");
        released = JobMetrics.exported(getRuntimeContext()).counter("identitiesReleased");
    }

    @Override
    public void processElement(UserRecord record, Context ctx, Collector<UserRecord> out)
            throws Exception {
        UserVersion before = current.value();
        if (before != null && before.version >= record.version) {
            stale.inc();
            return;
        }
        List<String> now = record.deleted ? List.of() : record.identities();
        List<String> was = before == null ? List.of() : Arrays.asList(before.identities);
        for (String identity : was) {
            if (!now.contains(identity)) {
                released.inc();
                ctx.output(
                        Tags.IDENTITY_CHANGES,
                        new DirectoryUpdate(
                                record.orgId, identity, record.userId, record.version, true));
            }
        }
        for (String identity : now) {
            if (!was.contains(identity)) {
                ctx.output(
                        Tags.IDENTITY_CHANGES,
                        new DirectoryUpdate(
                                record.orgId, identity, record.userId, record.version, false));
            }
        }
        current.update(
                new UserVersion(
                        record.version,
                        record.deleted,
                        new ArrayList<>(now).toArray(new String[0])));
        if (record.deleted) {
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            ctx.timerService().currentProcessingTime() + tombstoneRetentionMillis);
        }
        out.collect(record);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<UserRecord> out)
            throws Exception {
        UserVersion v = current.value();
        if (v != null && v.deleted) {
            current.clear(); // the tombstone has outlived any late upsert we still expect
        }
    }

    /** What the directory stage keeps per user: enough to order changes and diff identities. */
    public static class UserVersion {
        public long version;
        public boolean deleted;
        public String[] identities = new String[0];

        public UserVersion() {}

        UserVersion(long version, boolean deleted, String[] identities) {
            this.version = version;
            this.deleted = deleted;
            this.identities = identities;
        }
    }
}
