package io.securitycoach;

import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserRecord;

/** Small builders for test records. */
public final class TestEvents {
    private TestEvents() {}

    public static SecurityEvent web(String org, String uid, String identity, long time, String category) {
        SecurityEvent e = new SecurityEvent();
        e.orgId = org;
        e.eventUid = uid;
        e.vendor = "zscaler";
        e.eventClass = "web";
        e.action = "allowed";
        e.urlCategory = category;
        e.urlHost = "site.example";
        e.eventTime = time;
        e.ingestTime = time;
        e.actorEmail = identity;
        e.identityKey = identity;
        return e;
    }

    public static UserRecord user(String org, String userId, String email, long version, String... aliases) {
        UserRecord u = new UserRecord();
        u.orgId = org;
        u.userId = userId;
        u.email = email;
        u.version = version;
        u.aliases = aliases;
        u.firstName = "First-" + userId;
        u.department = "Finance";
        return u;
    }

    public static DirectoryUpdate binding(String org, String identity, String userId, long version, boolean deleted) {
        return new DirectoryUpdate(org, identity, userId, version, deleted);
    }
}
