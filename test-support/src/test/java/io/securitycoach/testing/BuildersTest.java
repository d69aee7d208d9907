package io.securitycoach.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.UserRecord;
import io.securitycoach.schema.SecurityEvent;
import org.junit.jupiter.api.Test;

class BuildersTest {
    @Test
    void aWebEventLooksNormalized() {
        SecurityEvent e = EventBuilder.web("acme", "e1", "alice@acme.com", 42, "News");
        assertThat(e.identityKey).isEqualTo(e.actorEmail).isEqualTo("alice@acme.com");
        assertThat(e.eventTime).isEqualTo(e.ingestTime).isEqualTo(42);
        assertThat(
                        e.orgId
                                + " "
                                + e.vendor
                                + " "
                                + e.eventClass
                                + " "
                                + e.action
                                + " "
                                + e.urlHost
                                + " "
                                + e.urlCategory)
                .isEqualTo("acme zscaler web allowed site.example News");
        assertThat(EventBuilder.webEvent("acme", "bob").action("blocked").build().action)
                .isEqualTo("blocked");
    }

    @Test
    void aUserIsNamedAfterItsIdAndATombstoneIsMarked() {
        UserRecord u = UserBuilder.user("acme", "u-1", "alice@acme.com", 3, "amartin");
        assertThat(u.identities()).contains("alice@acme.com", "amartin");
        assertThat(u.firstName + " " + u.department + " v" + u.version)
                .isEqualTo("First-u-1 Finance v3");
        assertThat(UserBuilder.userRecord("acme", "u-1").version(4).deleted().build().deleted)
                .isTrue();
    }
}
