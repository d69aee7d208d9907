package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which state keys an erasure covers: the job's keys are (org, "u:" user), (org, identity), (org,
 * "i:" identity).
 */
class EraseTargetTest {
    static final char SEP = '\u001f';

    @Test
    void anOrgCoversEveryKeyOfThatOrgOnly() {
        EraseTarget acme = EraseTarget.org("acme");
        assertThat(acme.covers("acme" + SEP + "u:u-1", null)).isTrue();
        assertThat(acme.covers("acme" + SEP + "ana@acme.com", "u-1")).isTrue();
        assertThat(acme.covers("acme-eu" + SEP + "u:u-1", null))
                .as("an org whose id starts alike")
                .isFalse();
        assertThat(acme.covers("acme/okta", null)).as("a per-feed key").isTrue();
        assertThat(EraseTarget.user("acme/u-1").covers("acme" + SEP + "u:dept/u-1", null))
                .isFalse();
        assertThat(acme.coversOrg("acme")).isTrue();
    }

    @Test
    void aPersonCoversTheirUserKeyTheirIdentitiesAndWhatTheyOwn() {
        EraseTarget ben =
                EraseTarget.user("acme/u-2").withIdentities(Set.of("ben@acme.com", "ben"));
        assertThat(ben.covers("acme" + SEP + "u:u-2", null)).isTrue();
        assertThat(ben.covers("acme" + SEP + "ben@acme.com", null))
                .as("identity the directory lists")
                .isTrue();
        assertThat(ben.covers("acme" + SEP + "i:ben", null))
                .as("unresolved events under an identity of his")
                .isTrue();
        assertThat(ben.covers("acme" + SEP + "b.okafor", "u-2")).as("an identity he owns").isTrue();
        assertThat(ben.covers("acme" + SEP + "u:u-20", null)).isFalse();
        assertThat(ben.covers("acme" + SEP + "ana@acme.com", "u-1")).isFalse();
        assertThat(ben.covers("globex" + SEP + "u:u-2", null)).isFalse();
        assertThat(ben.coversOrg("acme")).as("the org's rules and settings stay").isFalse();
    }

    @Test
    void aPersonIsNamedOrgSlashUser() {
        assertThat(EraseTarget.user("acme/dept/u-7").userId).isEqualTo("dept/u-7");
        assertThatThrownBy(() -> EraseTarget.user("u-7"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EraseTarget.org(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
