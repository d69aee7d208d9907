package io.securitycoach.savepoints;

import io.securitycoach.directory.DirectoryChanges;
import io.securitycoach.directory.Enricher;
import io.securitycoach.directory.IdentityResolver;
import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.records.UserRecord;
import io.securitycoach.schema.UserProfile;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;

/**
 * The directory's keyed state as the job builds it from each person's newest record: the directory
 * stage's version and identities (a deleted person's tombstone with its removal timer), the
 * enricher's profile, the resolver's owner of each identity.
 */
final class DirectoryBootstrap {
    private DirectoryBootstrap() {}

    /** directory-changes, keyed by (org, user). */
    static final class Versions extends KeyedStateBootstrapFunction<String, UserRecord> {
        private final long tombstoneRetentionMillis;
        private transient ValueState<DirectoryChanges.UserVersion> version;

        Versions(long tombstoneRetentionMillis) {
            this.tombstoneRetentionMillis = tombstoneRetentionMillis;
        }

        @Override
        public void open(Configuration parameters) {
            version = getRuntimeContext().getState(DirectoryChanges.VERSION);
        }

        @Override
        public void processElement(UserRecord r, Context ctx) throws Exception {
            DirectoryChanges.UserVersion v = new DirectoryChanges.UserVersion();
            v.version = r.version;
            v.deleted = r.deleted;
            v.identities = r.deleted ? new String[0] : r.identities().toArray(new String[0]);
            version.update(v);
            if (r.deleted) {
                long now = ctx.timerService().currentProcessingTime();
                ctx.timerService().registerProcessingTimeTimer(now + tombstoneRetentionMillis);
            }
        }
    }

    /** enrich, keyed by (org, user): people who are not deleted. */
    static final class Profiles extends KeyedStateBootstrapFunction<String, UserRecord> {
        private transient ValueState<UserProfile> profile;

        @Override
        public void open(Configuration parameters) {
            profile = getRuntimeContext().getState(Enricher.PROFILE);
        }

        @Override
        public void processElement(UserRecord r, Context ctx) throws Exception {
            profile.update(UserProfile.of(r));
        }
    }

    /**
     * resolve-identity, keyed by (org, identity): one claim per identity (see {@link
     * DirectoryDump}).
     */
    static final class Owners extends KeyedStateBootstrapFunction<String, DirectoryUpdate> {
        private transient ValueState<String> owner;

        @Override
        public void open(Configuration parameters) {
            owner = getRuntimeContext().getState(IdentityResolver.OWNER);
        }

        @Override
        public void processElement(DirectoryUpdate claim, Context ctx) throws Exception {
            owner.update(claim.userId);
        }
    }
}
