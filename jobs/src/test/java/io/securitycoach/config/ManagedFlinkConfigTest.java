package io.securitycoach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.jobs.wiring.ConfiguredSettings;
import io.securitycoach.jobs.wiring.kinesis.EventStreamTags;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.notify.NotifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defaults and checks that fit where the job runs: Managed Flink's limits, the runtime's region, S3
 * or jar files.
 */
class ManagedFlinkConfigTest {
    @TempDir Path dir;

    private CoachConfig loadOnManagedFlink(String groupsJson) throws Exception {
        Path file = dir.resolve("application_properties.json");
        Files.writeString(file, groupsJson);
        return ConfigLoader.load(new String[] {"--managed-flink", "--config", file.toString()});
    }

    @Test
    void secretReferencesDefaultToSecretsManagerOnManagedFlinkOnly() throws Exception {
        CoachConfig managed =
                loadOnManagedFlink(
                        "[{\"PropertyGroupId\": \"Audit\", \"PropertyMap\": {\"path\":"
                                + " \"s3://b/audit\"}}]");
        assertThat(managed.get(NotifyOptions.SLACK_TOKEN_REF))
                .isEqualTo("aws-secrets-manager:coach/_shared/slack-bot-token");
        CoachConfig local = CoachConfig.of(Map.of("Audit", Map.of("path", "s3://b/audit")));
        assertThat(local.get(NotifyOptions.SLACK_TOKEN_REF)).isEqualTo("env:COACH_SLACK_BOT_TOKEN");
    }

    @Test
    void environmentAndFileReferencesFailAtStartOnManagedFlink() {
        assertThatThrownBy(
                        () ->
                                loadOnManagedFlink(
                                        "[{\"PropertyGroupId\": \"Notify\", \"PropertyMap\":"
                                            + " {\"slack.token-ref\":"
                                            + " \"env:COACH_ORG_ACME__SLACK_TOKEN\","
                                            + " \"status-webhook.ref\":"
                                            + " \"file:/run/secrets/status\","
                                            + " \"webhook.signing-secret-ref\":"
                                            + " \"aws-secrets-manager:coach/_shared/webhook-signing-secret\"}}]"))
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigException) e).messages())
                                        .containsExactly(
                                                "Notify.slack.token-ref:"
                                                    + " 'env:COACH_ORG_ACME__SLACK_TOKEN' cannot be"
                                                    + " read on Managed Flink (no environment"
                                                    + " variables or secret files there): store the"
                                                    + " secret in AWS Secrets Manager and write"
                                                    + " aws-secrets-manager:<secret id>",
                                                "Notify.status-webhook.ref:"
                                                    + " 'file:/run/secrets/status' cannot be read"
                                                    + " on Managed Flink (no environment variables"
                                                    + " or secret files there): store the secret in"
                                                    + " AWS Secrets Manager and write"
                                                    + " aws-secrets-manager:<secret id>"));
    }

    @Test
    void aValueLongerThanManagedFlinkAllowsPointsToTheStreamsFile() {
        String streams = "coach-events-okta-acme=acme/okta,".repeat(70);
        assertThatThrownBy(
                        () ->
                                loadOnManagedFlink(
                                        "[{\"PropertyGroupId\": \"Events\", \"PropertyMap\": "
                                                + "{\"kinesis.streams\": \""
                                                + streams
                                                + "\"}}]"))
                .hasMessageContaining(
                        "Events.kinesis.streams: "
                                + streams.length()
                                + " characters, more than the 2048")
                .hasMessageContaining(
                        "list the streams in a file instead (Events.kinesis.streams.file)");
    }

    @Test
    void malformedApplicationPropertiesAreReportedAsSuch() throws Exception {
        Path truncated = dir.resolve("truncated.json");
        Files.writeString(
                truncated,
                "[{\"PropertyGroupId\": \"Events\", \"PropertyMap\": {\"paths\": \"s3://b/ev");
        assertThatThrownBy(() -> ManagedFlinkProperties.read(truncated))
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigException) e).messages())
                                        .singleElement()
                                        .asString()
                                        .startsWith(
                                                "Managed Flink application properties: "
                                                        + truncated
                                                        + ": malformed JSON at line 1, column 67: "
                                                        + "Unexpected end-of-input"));
        assertThat(ManagedFlinkProperties.read(dir.resolve("absent.json")))
                .as("not on Managed Flink")
                .isEmpty();
        assertThat(ManagedFlinkProperties.path())
                .as("the runtime library's own path")
                .isEqualTo(Path.of("/etc/flink/application_properties.json"));
    }

    @Test
    void streamsFileExtendsTheStreamList() throws Exception {
        Path file = dir.resolve("event-streams.txt");
        Files.writeString(
                file,
                "# one or more per line\n"
                        + "coach-events-zscaler-acme=acme/zscaler,"
                        + " coach-events-okta-globex=globex/okta\n\n");
        EventStreamTags tags =
                EventStreamTags.from(
                        CoachConfig.of(
                                Map.of(
                                        "Events",
                                        Map.of(
                                                "kinesis.streams",
                                                "coach-events-okta-acme=acme/okta",
                                                "kinesis.streams.file",
                                                file.toString()))));
        assertThat(tags.streams())
                .containsExactly(
                        "coach-events-okta-acme",
                        "coach-events-zscaler-acme",
                        "coach-events-okta-globex");
        assertThat(tags.tagOf("coach-events-okta-globex")).containsExactly("globex", "okta");

        assertThatThrownBy(
                        () ->
                                EventStreamTags.from(
                                        CoachConfig.of(
                                                Map.of(
                                                        "Events",
                                                        Map.of(
                                                                "kinesis.streams.file",
                                                                dir.resolve("missing.txt")
                                                                        .toString())))))
                .hasMessageStartingWith(
                        "invalid configuration:\n  Events.kinesis.streams.file: cannot read "
                                + dir.resolve("missing.txt"));
    }

    @Test
    void modulesComeFromTheJobJarsResources() {
        NotifierSettings settings =
                ConfiguredSettings.from(
                                CoachConfig.of(
                                        Map.of(
                                                "Notify",
                                                Map.of(
                                                        "modules",
                                                        "classpath:coach/modules-in-jar.yaml"))))
                        .notifier;
        assertThat(settings.modules.module("malware-basics")).isNotNull();
        assertThatThrownBy(
                        () ->
                                ConfiguredSettings.from(
                                        CoachConfig.of(
                                                Map.of(
                                                        "Notify",
                                                        Map.of(
                                                                "modules",
                                                                "classpath:coach/absent.yaml")))))
                .hasMessageContaining(
                        "Notify.modules: cannot read classpath:coach/absent.yaml: "
                                + "no resource 'coach/absent.yaml' in the job jar");
    }

    @Test
    void regionComesFromTheRuntimeUnlessSet() {
        CoachConfig local =
                CoachConfig.of(Map.of("Kinesis", Map.of("endpoint", "http://127.0.0.1:4567")));
        String previous = System.getProperty("aws.region");
        try {
            System.setProperty("aws.region", "eu-central-1");
            assertThat(AwsRegions.kinesis(local)).isEqualTo("eu-central-1");
            assertThat(
                            AwsRegions.kinesis(
                                    CoachConfig.of(
                                            Map.of("Kinesis", Map.of("region", "ap-southeast-2")))))
                    .isEqualTo("ap-southeast-2");
            assertThat(AwsRegions.kinesis(CoachConfig.of(Map.of())))
                    .as("the SDK's chain")
                    .isEqualTo("eu-central-1");
        } finally {
            if (previous == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", previous);
            }
        }
    }
}
