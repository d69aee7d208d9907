package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.schema.Identities;
import io.securitycoach.schema.SecurityEvent;
import org.junit.jupiter.api.Test;

class ActorIdentityTest {
    private static SecurityEvent of(String identity) {
        SecurityEvent e = new SecurityEvent();
        e.orgId = "acme";
        ActorIdentity.assign(identity, e);
        return e;
    }

    @Test
    void eachSpellingLandsInItsOwnField() {
        SecurityEvent email = of(" Alice.Martin@ACME.com ");
        assertThat(email.actorEmail).isEqualTo("alice.martin@acme.com");
        assertThat(email.actorUserName).isEqualTo("Alice.Martin");

        SecurityEvent domainUser = of("ACME\\amartin");
        assertThat(domainUser.actorDomain).isEqualTo("ACME");
        assertThat(domainUser.actorUserName).isEqualTo("amartin");

        SecurityEvent plain = of("amartin");
        assertThat(plain.actorUserName).isEqualTo("amartin");

        SecurityEvent display = of("Alice Martin");
        assertThat(display.actorDisplayName).isEqualTo("Alice Martin");
        assertThat(display.actorUserName).isNull();
        assertThat(Identities.lookupKey(display))
                .as("a display name alone does not name a person")
                .isNull();
    }
}
