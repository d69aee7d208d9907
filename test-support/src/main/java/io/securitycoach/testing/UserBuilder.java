package io.securitycoach.testing;

import io.securitycoach.records.UserRecord;

/** Directory records for tests: a Finance user whose first name says which user it is. */
public final class UserBuilder {
    private final UserRecord user = new UserRecord();

    private UserBuilder(String org, String userId) {
        user.orgId = org;
        user.userId = userId;
        user.firstName = "First-" + userId;
        user.department = "Finance";
    }

    public static UserBuilder userRecord(String org, String userId) {
        return new UserBuilder(org, userId);
    }

    /** The shorthand most tests use. */
    public static UserRecord user(
            String org, String userId, String email, long version, String... aliases) {
        return userRecord(org, userId).email(email).version(version).aliases(aliases).build();
    }

    public UserBuilder email(String email) {
        user.email = email;
        return this;
    }

    public UserBuilder version(long version) {
        user.version = version;
        return this;
    }

    public UserBuilder aliases(String... aliases) {
        user.aliases = aliases;
        return this;
    }

    public UserBuilder department(String department) {
        user.department = department;
        return this;
    }

    public UserBuilder firstName(String firstName) {
        user.firstName = firstName;
        return this;
    }

    /** A tombstone: the directory deleted this user at this version. */
    public UserBuilder deleted() {
        user.deleted = true;
        return this;
    }

    public UserRecord build() {
        return user;
    }
}
