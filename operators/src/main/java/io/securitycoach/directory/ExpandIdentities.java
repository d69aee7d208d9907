package io.securitycoach.directory;

import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.schema.UserRecord;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** One directory record to one update per identity (email, aliases), for the resolver keyed by identity. */
public class ExpandIdentities implements FlatMapFunction<UserRecord, DirectoryUpdate> {
    @Override
    public void flatMap(UserRecord user, Collector<DirectoryUpdate> out) {
        for (String identity : user.identities()) {
            out.collect(new DirectoryUpdate(user.orgId, identity, user.userId, user.version, user.deleted));
        }
    }
}
