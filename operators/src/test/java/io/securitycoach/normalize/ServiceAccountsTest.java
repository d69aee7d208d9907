package io.securitycoach.normalize;

import static io.securitycoach.normalize.ServiceAccounts.isServiceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceAccountsTest {
    @Test
    void windowsServiceIdentitiesInAnyCaseAndForm() {
        assertThat(isServiceAccount("SYSTEM", null)).isTrue();
        assertThat(isServiceAccount(" Local Service ", null)).isTrue();
        assertThat(isServiceAccount("NT AUTHORITY\\SYSTEM", null)).isTrue();
        assertThat(isServiceAccount("anyone", "NT Authority")).isTrue();
        assertThat(isServiceAccount("WS-0042$", "CORP")).isTrue();
    }

    @Test
    void peopleAreNotServiceAccounts() {
        assertThat(isServiceAccount("jane.doe@example.com", null)).isFalse();
        assertThat(isServiceAccount("CORP\\jdoe", null)).isFalse();
        assertThat(isServiceAccount("systems", "CORP")).isFalse();
        assertThat(isServiceAccount(null, "NT AUTHORITY")).isFalse();
    }
}
