package io.securitycoach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.jobs.JobOptions;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.wiring.ConfiguredSettings;
import io.securitycoach.jobs.wiring.ConfiguredSinks;
import io.securitycoach.jobs.wiring.ConfiguredSources;
import io.securitycoach.jobs.wiring.SinkOptions;
import io.securitycoach.jobs.wiring.kinesis.EventStreamTags;
import io.securitycoach.notify.NotifyOptions;
import io.securitycoach.options.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoachConfigTest {
    @TempDir Path dir;

    @Test
    void fileInManagedFlinkShapeWithCommandLineOverrides() throws Exception {
        Path file = dir.resolve("app.json");
        Files.writeString(
                file,
                "[{\"PropertyGroupId\": \"Job\", \"PropertyMap\": {\"identity.grace\": \"2m\","
                        + " \"bounded\": true}}, {\"PropertyGroupId\": \"Audit\", \"PropertyMap\":"
                        + " {\"path\": \"s3://bucket/audit\"}}]");
        CoachConfig config =
                ConfigLoader.load(
                        new String[] {
                            "--config",
                            file.toString(),
                            "--Job.identity.grace",
                            "30s",
                            "--Notify.daily-cap=2"
                        });
        assertThat(config.get(JobOptions.IDENTITY_GRACE))
                .isEqualTo(Duration.ofSeconds(30)); // override wins
        assertThat(config.get(JobOptions.BOUNDED)).isTrue();
        assertThat(config.require(SinkOptions.AUDIT_PATH)).isEqualTo("s3://bucket/audit");
        assertThat(config.get(NotifyOptions.DAILY_CAP)).isEqualTo(2);
        assertThat(config.require(JobOptions.STATE_BACKEND)).isEqualTo("rocksdb"); // default

        JobSettings settings = ConfiguredSettings.from(config);
        assertThat(settings.identityGrace).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.notifier.dailyCapPerUser).isEqualTo(2);
        assertThat(settings.notifier.endpoints)
                .containsEntry("slack", "https://slack.com")
                .containsKeys("teams", "webhook");
    }

    @Test
    void theIntegrationPollersSettingsAreConfigured() {
        JobSettings settings =
                ConfiguredSettings.from(
                        CoachConfig.of(
                                Map.of(
                                        "Integrations",
                                        Map.of(
                                                "max-pages-per-poll", "3",
                                                "backoff.max", "1m",
                                                "allow-custom-domains", "true"))));
        assertThat(settings.integrations.maxPagesPerPoll).isEqualTo(3);
        assertThat(settings.integrations.maxBackoffMillis).isEqualTo(60_000);
        assertThat(settings.integrations.allowCustomDomains).isTrue();
        assertThat(settings.integrations.drainTimeoutMillis).isEqualTo(120_000); // default
        assertThat(settings.integrations.allowLocal).as("development only, no key").isFalse();
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        assertThatThrownBy(
                        () ->
                                CoachConfig.of(
                                        Map.of(
                                                "Job",
                                                        Map.of(
                                                                "identity.grace",
                                                                "ten minutes",
                                                                "chekpoint.interval",
                                                                "5s",
                                                                "state.backend",
                                                                "memory"),
                                                "Kinesis", Map.of("endpoint", "localhost"),
                                                "Evnets", Map.of("paths", "x"))))
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigException) e).messages())
                                        .containsExactlyInAnyOrder(
                                                "Job.identity.grace: 'ten minutes' must be a"
                                                        + " duration such as 30s, 5m, 2h or 7d",
                                                "unknown key 'Job.chekpoint.interval' (Job has: "
                                                        + CoachConfig.keys().stream()
                                                                .filter(k -> k.group.equals("Job"))
                                                                .map(k -> k.name)
                                                                .collect(Collectors.joining(", "))
                                                        + ")",
                                                "Job.state.backend: 'memory' must be one of"
                                                        + " rocksdb, hashmap",
                                                "Kinesis.endpoint: 'localhost' must be an absolute"
                                                        + " URL like http://host:port",
                                                "unknown property group 'Evnets' (known: Job,"
                                                    + " Kinesis, S3, Events, Directory, Rules,"
                                                    + " Audit, Outputs, Notify, Integrations)"));
    }

    @Test
    void commandLineMistakesAreUsageErrors() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--bounded"}))
                .hasMessageContaining("--bounded needs a value");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--bounded", "true"}))
                .hasMessageContaining("overrides name a group and key, like --Job.bounded true");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"samples"}))
                .hasMessageContaining("unexpected argument 'samples'");
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        new String[] {
                                            "--config", dir.resolve("missing.json").toString()
                                        }))
                .hasMessageContaining("cannot read configuration file");
    }

    @Test
    void aJobWithoutInputsOrReadingStreamsWhenBoundedFailsAtStart() {
        assertThatThrownBy(
                        () ->
                                new ConfiguredSources(
                                        CoachConfig.of(Map.of("Audit", Map.of("path", "/tmp/a")))))
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigException) e).messages())
                                        .containsExactly(
                                                "set Events.paths or Events.kinesis.streams (or"
                                                        + " both)",
                                                "set Directory.path or Directory.kinesis.stream (or"
                                                        + " both)",
                                                "set Rules.path or Rules.kinesis.stream (or"
                                                        + " both)"));
        assertThatThrownBy(
                        () ->
                                new ConfiguredSources(
                                        CoachConfig.of(
                                                Map.of(
                                                        "Job",
                                                        Map.of("bounded", "true"),
                                                        "Events",
                                                        Map.of("kinesis.streams", "okta=acme/okta"),
                                                        "Directory",
                                                        Map.of("path", "/tmp/users"),
                                                        "Rules",
                                                        Map.of("kinesis.stream", "control")))))
                .hasMessageContaining(
                        "Events.kinesis.streams: a bounded job (Job.bounded=true) reads files only")
                .hasMessageContaining("Rules.kinesis.stream: a bounded job");
        assertThatThrownBy(() -> new ConfiguredSinks(CoachConfig.of(Map.of())))
                .hasMessageStartingWith("invalid configuration:\n  Audit.path is required");
    }

    @Test
    void eventStreamsNameTheirOrgAndVendor() {
        EventStreamTags tags =
                EventStreamTags.from(
                        CoachConfig.of(
                                Map.of(
                                        "Events",
                                        Map.of(
                                                "kinesis.streams",
                                                "okta-acme=acme/okta, mixed=globex/auto"))));
        assertThat(tags.streams()).containsExactly("okta-acme", "mixed");
        assertThat(tags.tagOf("mixed")).containsExactly("globex", "auto");
        assertThatThrownBy(
                        () ->
                                EventStreamTags.from(
                                        CoachConfig.of(
                                                Map.of(
                                                        "Events",
                                                        Map.of(
                                                                "kinesis.streams",
                                                                "okta-acme:acme")))))
                .hasMessageContaining(
                        "Events.kinesis.streams: 'okta-acme:acme' is not stream=org/vendor");
        // issue 12: a stream tag names a tenant, so it follows the one org-id pattern
        assertThatThrownBy(
                        () ->
                                EventStreamTags.from(
                                        CoachConfig.of(
                                                Map.of(
                                                        "Events",
                                                        Map.of(
                                                                "kinesis.streams",
                                                                "okta=Acme_Corp/okta")))))
                .hasMessageContaining(
                        "Events.kinesis.streams: 'okta=Acme_Corp/okta': invalid org id"
                                + " 'Acme_Corp'");
    }

    @Test
    void secretKeysAreMaskedWhenDescribed() {
        CoachConfig config =
                CoachConfig.of(
                        Map.of("S3", Map.of("access-key", "AKIA", "secret-key", "very-secret")));
        assertThat(config.describe().get("S3"))
                .containsEntry("secret-key", "****")
                .containsEntry("access-key", "AKIA");
    }

    @Test
    void theConfigurationReferenceIsGeneratedFromTheDeclarations() throws Exception {
        Path doc =
                Paths.get(System.getProperty("coach.home", "..")).resolve("docs/configuration.md");
        assertThat(Files.readString(doc))
                .as("regenerate with ./coach config reference --write docs/configuration.md")
                .isEqualTo(CoachConfig.markdown());
        for (Option<?> key : CoachConfig.keys()) {
            assertThat(CoachConfig.markdown()).contains("| `" + key.name + "` |");
        }
    }
}
