package io.securitycoach.soak;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.sink.FileSinkCommittable;
import org.apache.flink.connector.file.sink.writer.FileWriterBucketState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A FileSink whose committer fails once in the middle of a commit: it commits the first half of the
 * checkpoint's files, then throws. The job restores from that checkpoint and commits its files
 * again (FileSink's committer must treat the files already committed as done): no record lost, none
 * twice.
 */
final class CommitFailingSink<IN>
        implements Sink<IN>,
                SupportsWriterState<IN, FileWriterBucketState>,
                SupportsCommitter<FileSinkCommittable>,
                SupportsWriterState.WithCompatibleState,
                SupportsPreCommitTopology<FileSinkCommittable, FileSinkCommittable> {
    private static final long serialVersionUID = 1L;

    /** Decides, at each commit, whether this is the one to fail (the test's fault schedule). */
    interface Trigger extends BooleanSupplier, Serializable {}

    private final FileSink<IN> sink;
    private final Trigger failNow;

    CommitFailingSink(FileSink<IN> sink, Trigger failNow) {
        this.sink = sink;
        this.failNow = failNow;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<IN> createWriter(InitContext context) throws IOException {
        return sink.createWriter(context);
    }

    @Override
    public SinkWriter<IN> createWriter(WriterInitContext context) throws IOException {
        return sink.createWriter(context);
    }

    @Override
    public StatefulSinkWriter<IN, FileWriterBucketState> restoreWriter(
            WriterInitContext context, Collection<FileWriterBucketState> state) throws IOException {
        return sink.restoreWriter(context, state);
    }

    @Override
    public SimpleVersionedSerializer<FileWriterBucketState> getWriterStateSerializer() {
        return sink.getWriterStateSerializer();
    }

    @Override
    public Collection<String> getCompatibleWriterStateNames() {
        return sink.getCompatibleWriterStateNames();
    }

    @Override
    public Committer<FileSinkCommittable> createCommitter(CommitterInitContext context)
            throws IOException {
        Committer<FileSinkCommittable> committer = sink.createCommitter(context);
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<FileSinkCommittable>> requests)
                    throws IOException, InterruptedException {
                if (requests.size() < 2 || !failNow.getAsBoolean()) {
                    committer.commit(requests);
                    return;
                }
                List<CommitRequest<FileSinkCommittable>> all = new ArrayList<>(requests);
                committer.commit(all.subList(0, all.size() / 2));
                throw new IOException(
                        "injected: sink failure during commit, after "
                                + all.size() / 2
                                + " of "
                                + all.size()
                                + " files");
            }

            @Override
            public void close() throws Exception {
                committer.close();
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<FileSinkCommittable> getCommittableSerializer() {
        return sink.getCommittableSerializer();
    }

    @Override
    public DataStream<CommittableMessage<FileSinkCommittable>> addPreCommitTopology(
            DataStream<CommittableMessage<FileSinkCommittable>> committables) {
        return sink.addPreCommitTopology(committables);
    }

    @Override
    public SimpleVersionedSerializer<FileSinkCommittable> getWriteResultSerializer() {
        return sink.getWriteResultSerializer();
    }
}
