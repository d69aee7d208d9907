package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.schema.SecurityEvent;
import org.junit.jupiter.api.Test;

class MachineActorsTest {
    private static String why(String identity) {
        SecurityEvent e = new SecurityEvent();
        ActorIdentity.assign(identity, e);
        return MachineActors.why(e);
    }

    @Test
    void addressesApiClientsAndServiceAccountsAreMachines() {
        assertThat(why("10.20.4.99")).contains("IP address");
        assertThat(why("fe80::1c2d:3e4f:5a6b:7c8d")).contains("IP address");
        assertThat(why("API:5e4d3c2b1a0f")).contains("API client");
        assertThat(why("api-client-id:9f8e7d")).contains("API client");
        assertThat(why("NT AUTHORITY\\SYSTEM")).contains("service account");
        assertThat(why("ACME\\BUILD-01$")).contains("service account");
    }

    @Test
    void peopleAreNot() {
        assertThat(why("alice.martin@acme.com")).isNull();
        assertThat(why("ACME\\amartin")).isNull();
        assertThat(why("amartin")).isNull();
        assertThat(why("10.20.4")).isNull(); // not an address: three parts
        assertThat(why("999.1.1.1")).isNull();
        assertThat(why("cafe")).isNull();
        assertThat(why("Alice Martin")).isNull();
    }

    @Test
    void aTrailingBackslashIsNoPartOfTheName() {
        SecurityEvent e = new SecurityEvent();
        ActorIdentity.assign("Kira.Lane@acme.com\\", e);
        assertThat(e.actorEmail).isEqualTo("kira.lane@acme.com");
        SecurityEvent only = new SecurityEvent();
        ActorIdentity.assign("\\\\", only);
        assertThat(only.actorUserName).isNull();
        assertThat(only.actorEmail).isNull();
    }
}
