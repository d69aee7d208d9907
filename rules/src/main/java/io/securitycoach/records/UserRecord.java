package io.securitycoach.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.securitycoach.schema.Identities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the directory change log: an upsert, or a tombstone when {@code deleted}. The newer
 * {@code version} wins; records may arrive out of order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UserRecord {
    public String orgId;
    public String userId;
    public long version;
    public boolean deleted;
    public String email;

    /** Other identities of the same person: user names, UPNs, DOMAIN\\user, employee number. */
    public String[] aliases = new String[0];

    public String firstName;
    public String lastName;
    public String department;
    public String title;
    public String location;
    public String managerEmail;
    public String[] tags = new String[0];

    public UserRecord() {}

    /** Every identity under which vendor events may name this user, normalized for lookup. */
    public List<String> identities() {
        List<String> ids = new ArrayList<>();
        Identities.addNormalized(ids, email);
        if (aliases != null) {
            for (String alias : aliases) {
                Identities.addNormalized(ids, alias);
            }
        }
        return ids;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof UserRecord)) return false;
        UserRecord r = (UserRecord) o;
        return version == r.version
                && deleted == r.deleted
                && Objects.equals(orgId, r.orgId)
                && Objects.equals(userId, r.userId)
                && Objects.equals(email, r.email)
                && Arrays.equals(aliases, r.aliases)
                && Objects.equals(firstName, r.firstName)
                && Objects.equals(lastName, r.lastName)
                && Objects.equals(department, r.department)
                && Objects.equals(title, r.title)
                && Objects.equals(location, r.location)
                && Objects.equals(managerEmail, r.managerEmail)
                && Arrays.equals(tags, r.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, userId, version);
    }

    @Override
    public String toString() {
        return "UserRecord{"
                + orgId
                + "/"
                + userId
                + " v"
                + version
                + (deleted ? " deleted" : "")
                + " "
                + email
                + "}";
    }
}
