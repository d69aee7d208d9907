package io.securitycoach.records;

import java.util.Objects;

/** One identity of a directory user, as the resolver (keyed by org and identity) receives it. */
public class DirectoryUpdate {
    public String orgId;
    public String identity;
    public String userId;
    public long version;
    public boolean deleted;

    public DirectoryUpdate() {}

    public DirectoryUpdate(
            String orgId, String identity, String userId, long version, boolean deleted) {
        this.orgId = orgId;
        this.identity = identity;
        this.userId = userId;
        this.version = version;
        this.deleted = deleted;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof DirectoryUpdate)) return false;
        DirectoryUpdate u = (DirectoryUpdate) o;
        return version == u.version
                && deleted == u.deleted
                && Objects.equals(orgId, u.orgId)
                && Objects.equals(identity, u.identity)
                && Objects.equals(userId, u.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, identity, userId, version);
    }

    @Override
    public String toString() {
        return "DirectoryUpdate{"
                + orgId
                + "/"
                + identity
                + " -> "
                + userId
                + " v"
                + version
                + (deleted ? " deleted" : "")
                + "}";
    }
}
