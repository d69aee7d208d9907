package io.securitycoach.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentitiesTest {
    private static SecurityEvent withEmail(String email) {
        SecurityEvent e = new SecurityEvent();
        e.actorEmail = email;
        return e;
    }

    @Test
    void whitespaceOnlyIsNoIdentityAndCaseDoesNotMatter() {
        assertThat(Identities.normalize(" \t ")).isNull();
        assertThat(Identities.normalize(" Frank.Li@ACME.com ")).isEqualTo("frank.li@acme.com");
        SecurityEvent blank = withEmail("   ");
        blank.actorUserName = "  ";
        assertThat(Identities.lookupKey(blank)).isNull();
    }

    @Test
    void anAddressInAnotherVerifiedDomainIsLookedUpByItsUserName() {
        List<String> domains = List.of("example.com", "corp.example.com");
        assertThat(Identities.lookupKey(withEmail("FLI@corp.example.com"), domains))
                .isEqualTo("fli");
        assertThat(Identities.lookupKey(withEmail("frank.li@example.com"), domains))
                .isEqualTo("frank.li@example.com");
        assertThat(Identities.lookupKey(withEmail("fli@corp.example.com"), List.of("example.com")))
                .isEqualTo("fli@corp.example.com");
        assertThat(Identities.lookupKey(withEmail("fli@corp.example.com")))
                .isEqualTo("fli@corp.example.com");
    }

    @Test
    void entraGuestsAreTheirOwnAddress() {
        assertThat(Identities.decodeGuest("rita.moss_partner.example#EXT#@acme.onmicrosoft.com"))
                .isEqualTo("rita.moss@partner.example");
        assertThat(Identities.decodeGuest("r_moss_partner.example#ext#@acme.onmicrosoft.com"))
                .isEqualTo("r_moss@partner.example");
        assertThat(Identities.decodeGuest("plain@acme.com")).isEqualTo("plain@acme.com");
        assertThat(Identities.decodeGuest("#EXT#@acme.onmicrosoft.com"))
                .isEqualTo("#EXT#@acme.onmicrosoft.com");
    }
}
