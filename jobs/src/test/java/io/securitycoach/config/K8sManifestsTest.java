package io.securitycoach.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobOptions;
import io.securitycoach.jobs.wiring.ConfiguredSettings;
import io.securitycoach.jobs.wiring.ConfiguredSinks;
import io.securitycoach.jobs.wiring.ConfiguredSources;
import io.securitycoach.jobs.wiring.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifests stay deployable: every operator resource passes the CRD schema of the
 * oldest operator the README claims (1.10, from its API jar), the pods run as the shipped service
 * account with IRSA, savepoints work under both key generations, the image enables S3 without
 * pinning a patch version, Prometheus can scrape, and the mounted configuration passes the job's
 * checks.
 */
class K8sManifestsTest {
    private static final Path HOME = Paths.get(System.getProperty("coach.home", ".."));
    private static final Path K8S = HOME.resolve("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CRDS = "META-INF/fabric8/";

    static CrdSchema deploymentSchema;
    static CrdSchema sessionJobSchema;

    @TempDir Path dir;

    @BeforeAll
    static void readOperatorCrds() throws IOException {
        deploymentSchema =
                CrdSchema.fromResource(
                        CRDS + "flinkdeployments.flink.apache.org-v1.yml", "v1beta1");
        sessionJobSchema =
                CrdSchema.fromResource(
                        CRDS + "flinksessionjobs.flink.apache.org-v1.yml", "v1beta1");
    }

    @Test
    void everyOperatorResourcePassesTheOperatorsCrdSchema() throws Exception {
        List<JsonNode> resources =
                documents(r -> r.path("apiVersion").asText().startsWith("flink.apache.org/"));
        assertThat(resources)
                .extracting(r -> r.path("kind").asText())
                .containsExactlyInAnyOrder("FlinkDeployment", "FlinkDeployment", "FlinkSessionJob");
        for (JsonNode r : resources) {
            assertThat(r.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
            CrdSchema schema =
                    r.path("kind").asText().equals("FlinkSessionJob")
                            ? sessionJobSchema
                            : deploymentSchema;
            assertThat(schema.violations(r)).as(r.at("/metadata/name").asText()).isEmpty();
        }
    }

    @Test
    void theSchemaCheckRejectsWhatTheOperatorRejects() throws Exception {
        JsonNode bad =
                YAML.readTree(
                        "apiVersion: flink.apache.org/v1beta1\n"
                            + "kind: FlinkDeployment\n"
                            + "metadata: {name: x}\n"
                            + "spec:\n"
                            + "  flinkVersion: v1_21\n"
                            + "  flinkConfiguration: {state.backend.incremental: true}\n"
                            + "  job: {jarURI: local:///x.jar, upgradeMod: savepoint, parallelism:"
                            + " two}\n");
        assertThat(deploymentSchema.violations(bad))
                .containsExactlyInAnyOrder(
                        "spec.flinkVersion: 'v1_21' is not one of "
                                + deploymentSchema.at("spec", "flinkVersion").get("enum"),
                        "spec.flinkConfiguration.state.backend.incremental: expected string, got"
                                + " boolean",
                        "spec.job.upgradeMod: unknown field",
                        "spec.job.parallelism: expected integer, got string");
    }

    @Test
    void flinkVersionIsTheJobsAndOneTheOldestClaimedOperatorSupports() throws Exception {
        String jobs =
                "v" + EnvironmentInformation.getVersion().replaceAll("^(\\d+)\\.(\\d+).*", "$1_$2");
        List<String> supported = new ArrayList<>();
        deploymentSchema
                .at("spec", "flinkVersion")
                .get("enum")
                .forEach(v -> supported.add(v.asText()));
        for (JsonNode d : documents(r -> r.path("kind").asText().equals("FlinkDeployment"))) {
            assertThat(d.at("/spec/flinkVersion").asText()).isEqualTo(jobs).isIn(supported);
        }
        assertThat(Files.readString(K8S.resolve("README.md"))).contains("operator 1.10");
    }

    @Test
    void savepointAndCheckpointDirectoriesUnderBothKeyGenerations() throws Exception {
        for (JsonNode d : documents(r -> r.path("kind").asText().equals("FlinkDeployment"))) {
            JsonNode conf = d.at("/spec/flinkConfiguration");
            assertThat(conf.path("state.savepoints.dir").asText())
                    .as("operator 1.10 needs it for savepoint upgrades")
                    .startsWith("s3://")
                    .isEqualTo(conf.path("execution.checkpointing.savepoint-dir").asText());
            assertThat(conf.path("state.checkpoints.dir").asText())
                    .startsWith("s3://")
                    .isEqualTo(conf.path("execution.checkpointing.dir").asText());
        }
        JsonNode job =
                documents(
                                r ->
                                        r.path("kind").asText().equals("FlinkDeployment")
                                                && r.at("/spec/job").isObject())
                        .get(0)
                        .at("/spec/job");
        assertThat(job.path("entryClass").asText()).isEqualTo(CoachJob.class.getName());
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("jarURI").asText())
                .isEqualTo("local:///opt/flink/usrlib/coach-jobs-job.jar");
    }

    @Test
    void podsRunAsTheShippedServiceAccountWithItsIamRole() throws Exception {
        JsonNode account = documents(r -> r.path("kind").asText().equals("ServiceAccount")).get(0);
        String name = account.at("/metadata/name").asText();
        assertThat(account.at("/metadata/annotations").path("eks.amazonaws.com/role-arn").asText())
                .startsWith("arn:aws:iam::");
        for (JsonNode d : documents(r -> r.path("kind").asText().equals("FlinkDeployment"))) {
            assertThat(d.at("/spec/serviceAccount").asText()).isEqualTo(name);
            assertThat(
                            d.at("/spec/flinkConfiguration")
                                    .path("s3.aws.credentials.provider")
                                    .asText())
                    .isEqualTo("com.amazonaws.auth.WebIdentityTokenCredentialsProvider");
        }
        JsonNode binding = documents(r -> r.path("kind").asText().equals("RoleBinding")).get(0);
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(name);
        JsonNode role = documents(r -> r.path("kind").asText().equals("Role")).get(0);
        assertThat(binding.at("/roleRef/name").asText())
                .isEqualTo(role.at("/metadata/name").asText());
        List<String> resources = new ArrayList<>();
        role.path("rules")
                .forEach(rule -> rule.path("resources").forEach(r -> resources.add(r.asText())));
        assertThat(resources).contains("pods", "configmaps", "deployments");
        assertThat(role.toString()).as("no wildcard verbs or resources").doesNotContain("\"*\"");
    }

    @Test
    void imageEnablesS3WithoutPinningAPatchVersionAndSendsOnlyTheJar() throws Exception {
        String dockerfile = Files.readString(K8S.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("FROM flink:1.20-java17")
                .contains("flink-s3-fs-hadoop-*.jar")
                .contains("/opt/flink/usrlib/coach-jobs-job.jar")
                .doesNotContain("1.20.0");
        for (Path manifest : manifests()) {
            assertThat(Files.readString(manifest))
                    .as(manifest.toString())
                    .doesNotContain("ENABLE_BUILT_IN_PLUGINS");
        }
        List<String> rules =
                Files.readAllLines(HOME.resolve(".dockerignore")).stream()
                        .filter(l -> !l.isBlank() && !l.startsWith("#"))
                        .collect(Collectors.toList());
        assertThat(rules).containsExactly("*", "!jobs/target/coach-jobs-*-job.jar");
    }

    @Test
    void prometheusScrapesTheReportersPort() throws Exception {
        for (JsonNode d : documents(r -> r.path("kind").asText().equals("FlinkDeployment"))) {
            JsonNode conf = d.at("/spec/flinkConfiguration");
            assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                    .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            String port = conf.path("metrics.reporter.prom.port").asText();
            JsonNode annotations = d.at("/spec/podTemplate/metadata/annotations");
            assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(port);
            assertThat(d.at("/spec/podTemplate/spec/containers/0/ports/0/containerPort").asText())
                    .isEqualTo(port);
        }
        JsonNode monitor = documents(r -> r.path("kind").asText().equals("PodMonitor")).get(0);
        assertThat(monitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("metrics");
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
        assertThat(config.require(JobOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(config.get(SourceOptions.EVENT_STREAMS)).hasSize(2);
        JsonNode deployment = YAML.readTree(K8S.resolve("flinkdeployment.yaml").toFile());
        assertThat(deployment.at("/spec/job/args/1").asText())
                .startsWith(
                        deployment
                                .at("/spec/podTemplate/spec/containers/0/volumeMounts/0/mountPath")
                                .asText());
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static List<JsonNode> documents(Predicate<JsonNode> filter) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (Path manifest : manifests()) {
            try (MappingIterator<JsonNode> docs =
                    YAML.readerFor(JsonNode.class).readValues(manifest.toFile())) {
                docs.readAll().stream().filter(filter).forEach(out::add);
            }
        }
        return out;
    }
}
