package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InertTextTest {
    private static final String[] NONE = new String[0];

    @Test
    void urlsHostNamesAndAddressesAreDefanged() {
        assertThat(InertText.defang("*URGENT* sign in again at https://evil.example/login", NONE))
                .isEqualTo("*URGENT* sign in again at hxxps://evil[.]example/login");
        assertThat(InertText.defang("visit www.evil.example, or HTTP://10.0.0.1:8080/x now", NONE))
                .isEqualTo("visit www[.]evil[.]example, or hxxp://10[.]0[.]0[.]1:8080/x now");
        assertThat(InertText.defang("from 203.0.113.9 via ftp://files.evil.example/a.zip", NONE))
                .as("the path too: a.zip is a name a client links")
                .isEqualTo("from 203[.]0[.]113[.]9 via ftp[:]//files[.]evil[.]example/a[.]zip");
        assertThat(InertText.defang("a look-alike раураl.com", NONE))
                .isEqualTo("a look-alike раураl[.]com");
    }

    @Test
    void onlyTheOrgsLinkDomainsAndTheirSubdomainsStayLive() {
        String[] acme = {"acme.com"};
        assertThat(InertText.defang("https://learn.acme.com/m and acme.com", acme))
                .isEqualTo("https://learn.acme.com/m and acme.com");
        assertThat(
                        InertText.defang(
                                "https://acme.com.evil.example/ and https://notacme.com/", acme))
                .isEqualTo("hxxps://acme[.]com[.]evil[.]example/ and hxxps://notacme[.]com/");
        assertThat(InertText.defang("https://learn.acme.com@evil.example/", acme))
                .as("user info is not the host")
                .isEqualTo("hxxps://learn[.]acme[.]com@evil[.]example/");
    }

    @Test
    void plainWordsAndVersionsAreLeftAlone() {
        assertThat(InertText.defang("Mimikatz v2.2 blocked on host WS-12. Nothing to do.", NONE))
                .isEqualTo("Mimikatz v2.2 blocked on host WS-12. Nothing to do.");
    }

    @Test
    void controlAndBidiCharactersAreRemovedForTheConsole() {
        assertThat(InertText.printable("ok\u001b[2J\u001b]0;pwned\u0007 line\nnext \u202Egnp.exe"))
                .isEqualTo("ok[2J]0;pwned line next gnp.exe");
    }

    @Test
    void adversarialVendorTextCannotExhaustTheStack() {
        // java.util.regex threw StackOverflowError on this (an Error: it would have failed the
        // task).
        String dots =
                "a.".repeat(50_000)
                        + "1"; // no name in it (one-letter labels end it): left as it is
        assertThat(InertText.defang(dots, NONE)).isEqualTo(dots);
        assertThat(InertText.defang("ab.".repeat(50_000) + "cd", NONE))
                .isEqualTo("ab[.]".repeat(50_000) + "cd");
        String labels = ("x".repeat(60) + ".").repeat(2_000);
        assertThat(InertText.defang(labels, NONE)).contains("[.]");
    }
}
