package io.securitycoach.savepoints;

import io.securitycoach.directory.UserRecordParser;
import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.records.UserRecord;
import io.securitycoach.util.Keys;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * A directory dump (JSON lines; a file or a folder, local or s3://) as the directory stages end up
 * holding it: each person's newest record, and each identity's owner (of two people claiming one,
 * the newer record; on a tie, the greater user id).
 */
final class DirectoryDump {
    private DirectoryDump() {}

    /** The dump's records; lines the job would dead-letter are skipped. */
    static DataStream<UserRecord> records(StreamExecutionEnvironment env, String dump) {
        FileSource<String> lines =
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(dump)).build();
        return env.fromSource(lines, WatermarkStrategy.noWatermarks(), "Directory dump")
                .flatMap(
                        (String line, Collector<UserRecord> out) -> {
                            UserRecord r = UserRecordParser.parse(line, dump, 0).user;
                            if (r != null) {
                                out.collect(r);
                            }
                        })
                .returns(UserRecord.class)
                .name("Parse directory records");
    }

    static DataStream<UserRecord> newestRecords(DataStream<UserRecord> records) {
        return records.keyBy(Keys::user, Types.STRING)
                .process(new NewestPerKey<>(UserRecord.class, (a, b) -> a.version > b.version))
                .returns(UserRecord.class)
                .name("Newest record per person");
    }

    static DataStream<DirectoryUpdate> identityOwners(DataStream<UserRecord> newest) {
        return newest.filter(r -> !r.deleted)
                .flatMap(
                        (UserRecord r, Collector<DirectoryUpdate> out) -> {
                            for (String identity : r.identities()) {
                                out.collect(
                                        new DirectoryUpdate(
                                                r.orgId, identity, r.userId, r.version, false));
                            }
                        })
                .returns(DirectoryUpdate.class)
                .name("Identities of each person")
                .keyBy(Keys::identity, Types.STRING)
                .process(
                        new NewestPerKey<>(
                                DirectoryUpdate.class,
                                (a, b) ->
                                        a.version > b.version
                                                || a.version == b.version
                                                        && a.userId.compareTo(b.userId) > 0))
                .returns(DirectoryUpdate.class)
                .name("Owner per identity");
    }
}
