package io.securitycoach.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.validation.Problems;
import org.junit.jupiter.api.Test;

class TenantSecretPolicyTest {
    @Test
    void anOrgOwnsOnlyNamesInsideItsOwnNamespaces() {
        assertThat(TenantSecretPolicy.ownedBy("acme", "env:COACH_ORG_ACME__SLACK")).isTrue();
        assertThat(TenantSecretPolicy.ownedBy("acme", "file:orgs/acme/slack")).isTrue();
        assertThat(TenantSecretPolicy.ownedBy("acme", "aws-secrets-manager:coach/acme/slack"))
                .isTrue();
        assertThat(TenantSecretPolicy.ownedBy("acme", "env:COACH_ORG_ACME__"))
                .as("the namespace alone")
                .isFalse();
        assertThat(TenantSecretPolicy.ownedBy("acme", "file:orgs/acme/../other/slack"))
                .as("climbing out")
                .isFalse();
        assertThat(TenantSecretPolicy.ownedBy("acme", "file:orgs/acme-corp/slack")).isFalse();
        assertThat(TenantSecretPolicy.ownedBy("ACME", "env:COACH_ORG_ACME__SLACK"))
                .as("an invalid org id")
                .isFalse();
    }

    @Test
    void aRejectedReferenceIsReportedAtItsPath() {
        Problems problems = new Problems();
        assertThat(
                        TenantSecretPolicy.accept(
                                "acme",
                                "destinations.slack",
                                "https://hooks.example.com/x",
                                problems))
                .isFalse();
        assertThat(
                        TenantSecretPolicy.accept(
                                "acme", "signing_secret", "env:COACH_ORG_OTHER__SIGN", problems))
                .isFalse();
        assertThat(
                        TenantSecretPolicy.accept(
                                "acme", "signing_secret", "env:COACH_ORG_ACME__SIGN", problems))
                .isTrue();
        assertThat(problems.list())
                .extracting(p -> p.path)
                .containsExactly("destinations.slack", "signing_secret");
        assertThat(problems.messages().get(0))
                .isEqualTo(
                        "destinations.slack: expected a secret reference (env:NAME, file:PATH or"
                                + " aws-secrets-manager:NAME), not a URL or token");
        assertThat(problems.messages().get(1))
                .startsWith(
                        "signing_secret: an org may only name its own secrets: "
                                + "env:COACH_ORG_ACME__...");
    }
}
