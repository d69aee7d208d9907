package io.securitycoach.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.ConfiguredSettings;
import io.securitycoach.jobs.ConfiguredSinks;
import io.securitycoach.jobs.ConfiguredSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes manifests stay runnable: entry class, jar, savepoint upgrades, a configuration the job accepts. */
class K8sManifestsTest {
    private static final Path K8S = Paths.get(System.getProperty("coach.home", "..")).resolve("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void deploymentRunsTheJobAndUpgradesThroughSavepoints() throws Exception {
        JsonNode deployment = YAML.readTree(K8S.resolve("flinkdeployment.yaml").toFile());
        JsonNode job = deployment.path("spec").path("job");
        assertThat(job.path("entryClass").asText()).isEqualTo(CoachJob.class.getName());
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/coach-jobs-job.jar");
        assertThat(Files.readString(K8S.resolve("Dockerfile"))).contains("/opt/flink/usrlib/coach-jobs-job.jar")
                .contains("FROM flink:1.20");
        assertThat(deployment.path("spec").path("flinkVersion").asText()).isEqualTo("v1_20");
        assertThat(job.path("args").get(1).asText()).startsWith(
                deployment.at("/spec/podTemplate/spec/containers/0/volumeMounts/0/mountPath").asText());
    }

    @Test
    void mountedConfigurationPassesTheJobsValidation() throws Exception {
        JsonNode configMap = YAML.readTree(K8S.resolve("coach-config.yaml").toFile());
        Path file = dir.resolve("coach.json");
        Files.writeString(file, configMap.path("data").path("coach.json").asText());
        CoachConfig config = ConfigLoader.load(new String[] {"--config", file.toString()});
        ConfiguredSettings.from(config);
        new ConfiguredSources(config);
        new ConfiguredSinks(config);
        assertThat(config.string(CoachConfig.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(config.list(CoachConfig.EVENT_STREAMS)).hasSize(2);
    }
}
