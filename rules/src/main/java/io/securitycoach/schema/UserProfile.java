package io.securitycoach.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.securitycoach.records.UserRecord;
import java.util.Arrays;
import java.util.Objects;

/**
 * The directory attributes of one user that enrichment adds to an event (what rules and messages
 * read).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UserProfile {
    public String userId;
    public String email;
    public String firstName;
    public String lastName;
    public String department;
    public String title;
    public String location;
    public String managerEmail;
    public String[] tags = new String[0];

    public UserProfile() {}

    public static UserProfile of(UserRecord r) {
        UserProfile p = new UserProfile();
        p.userId = r.userId;
        p.email = r.email;
        p.firstName = r.firstName;
        p.lastName = r.lastName;
        p.department = r.department;
        p.title = r.title;
        p.location = r.location;
        p.managerEmail = r.managerEmail;
        p.tags = r.tags == null ? new String[0] : r.tags.clone();
        return p;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof UserProfile)) return false;
        UserProfile p = (UserProfile) o;
        return Objects.equals(userId, p.userId)
                && Objects.equals(email, p.email)
                && Objects.equals(firstName, p.firstName)
                && Objects.equals(lastName, p.lastName)
                && Objects.equals(department, p.department)
                && Objects.equals(title, p.title)
                && Objects.equals(location, p.location)
                && Objects.equals(managerEmail, p.managerEmail)
                && Arrays.equals(tags, p.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, email);
    }
}
