package io.securitycoach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.config.CoachConfig;
import io.securitycoach.jobs.wiring.S3FileSystems;
import io.securitycoach.local.KinesisApi;
import io.securitycoach.local.LocalServers;
import io.securitycoach.local.S3Buckets;
import io.securitycoach.testing.Await;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job jar started the way Managed Flink starts it: Flink's jars and the job jar on one
 * classpath, no plugins folder, no arguments, the configuration only from the application
 * properties file at the path the runtime library names. Against S3Proxy and kinesalite it reads
 * vendor drops, the directory, rules, parsing configurations, the coaching modules and its stream
 * list from s3://, Okta events from Kinesis, and commits detections and the raw audit trail to
 * s3:// (through the S3 file system bundled in the jar).
 */
class ManagedFlinkJarIT {
    private static final Path HOME =
            Path.of(System.getProperty("coach.home", "..")).toAbsolutePath().normalize();
    private static final Path SAMPLES = HOME.resolve("samples");
    private static final String AUDIT = "s3://coach/audit";
    private static final Set<String> EXPECTED =
            new TreeSet<>(
                    List.of(
                            "acme/finance-personal-cloud-upload/u-1005",
                            "acme/gambling-site/u-1001",
                            "acme/gambling-site/u-1003",
                            "acme/malware-download-blocked/u-1002",
                            "acme/mfa-push-denied/u-1003",
                            "acme/phishing-link-clicked/u-1001",
                            "globex/account-locked/g-03",
                            "globex/gambling-site/g-01",
                            "globex/peer-to-peer/g-02",
                            "globex/phishing-site/g-02",
                            "globex/social-media-apps/g-02",
                            "globex/social-media-apps/g-04"));

    @TempDir static Path dir;

    static LocalServers servers;
    static String kinesisUrl;
    static String s3Url;

    @BeforeAll
    static void startLocalAws() throws Exception {
        servers = new LocalServers();
        kinesisUrl =
                servers.startKinesis(HOME, LocalServers.freePort(), dir.resolve("kinesalite.log"));
        s3Url = servers.startS3(HOME, LocalServers.freePort(), null, dir.resolve("s3proxy.log"));
        // This JVM reads the audit trail through the S3 plugin, as ./coach does.
        String plugins = HOME.resolve("jobs/target/plugins").toString();
        S3FileSystems.initializeForEmbeddedRun(
                CoachConfig.of(
                        Map.of(
                                "S3",
                                Map.of(
                                        "endpoint",
                                        s3Url,
                                        "access-key",
                                        "local",
                                        "secret-key",
                                        "local",
                                        "plugins.dir",
                                        plugins))));
    }

    @AfterAll
    static void stopLocalAws() {
        FileSystem.initialize(new Configuration(), null);
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void jobJarRunsOnApplicationPropertiesAlone() throws Exception {
        int inputs = uploadInputs();
        Process job = startLikeManagedFlink(writeApplicationProperties());
        try {
            Await.until(
                    "every input and detection in the audit",
                    Duration.ofSeconds(180),
                    Duration.ofMillis(500),
                    () -> {
                        assertThat(job.isAlive())
                                .as("the job process ended early; its output:\n%s", tail())
                                .isTrue();
                        return raw().size() >= inputs && resolvedDetections().containsAll(EXPECTED);
                    },
                    () ->
                            String.format(
                                    "raw %s of %s, detections %s; output:%n%s",
                                    raw().size(), inputs, resolvedDetections(), tail()));
        } finally {
            job.destroy();
            if (!job.waitFor(20, TimeUnit.SECONDS)) {
                job.destroyForcibly();
            }
        }
        assertThat(raw()).as("each input once").hasSize(inputs);
        assertThat(resolvedDetections()).isEqualTo(EXPECTED);
    }

    @Test
    void jobJarCarriesWhatManagedFlinkAndIrsaNeed() throws Exception {
        try (ZipFile jar = new ZipFile(jobJar())) {
            ZipEntry factories =
                    jar.getEntry("META-INF/services/" + FileSystemFactory.class.getName());
            String services =
                    new String(
                            jar.getInputStream(factories).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(services).contains("org.apache.flink.fs.s3hadoop.S3FileSystemFactory");
            assertThat(jar.getEntry("software/amazon/awssdk/services/sts/StsClient.class"))
                    .as("sts for web identities")
                    .isNotNull();
            assertThat(jar.getEntry("com/amazonaws/auth/WebIdentityTokenCredentialsProvider.class"))
                    .isNotNull();
            assertThat(
                            jar.getEntry(
                                    "io/securitycoach/s3fs/shaded/com/google/common/base/Preconditions.class"))
                    .as("the S3 file system's Guava, relocated")
                    .isNotNull();
            assertThat(
                            jar.getEntry(
                                    "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class"))
                    .as("Flink stays provided")
                    .isNull();
        }
    }

    private static String jobJar() {
        String built = HOME.resolve("jobs/target/coach-jobs-0.1.0-SNAPSHOT-job.jar").toString();
        return System.getProperty("coach.job.jar", built);
    }

    /**
     * Drops, directory, rules, parsers and settings on S3; acme's Okta feed on Kinesis. Returns the
     * input count.
     */
    private static int uploadInputs() throws Exception {
        S3Buckets s3 = new S3Buckets(s3Url);
        s3.create("coach");
        int inputs = 0;
        for (Path file : files(SAMPLES.resolve("events"))) {
            String drop =
                    SAMPLES.resolve("events")
                            .relativize(file)
                            .toString()
                            .replace(File.separatorChar, '/');
            if (!drop.startsWith("acme/okta/")) {
                s3.put("coach", "events/" + drop, Files.readAllBytes(file));
                inputs += lines(file).size();
            }
        }
        for (String folder : List.of("rules", "parsers", "users")) {
            Path root = SAMPLES.resolve(folder);
            for (Path file : files(root)) { // keeps the org folders: they are the orgs' channels
                String key = root.relativize(file).toString().replace('\\', '/');
                s3.put("coach", folder + "/" + key, Files.readAllBytes(file));
            }
        }
        s3.put("coach", "config/modules.yaml", Files.readAllBytes(SAMPLES.resolve("modules.yaml")));
        byte[] streams =
                "# stream=org/vendor\nacme-okta=acme/okta\n".getBytes(StandardCharsets.UTF_8);
        s3.put("coach", "config/event-streams.txt", streams);
        KinesisApi kinesis = new KinesisApi(kinesisUrl);
        kinesis.createStream("acme-okta", 2);
        List<String> okta = new ArrayList<>();
        for (Path file : files(SAMPLES.resolve("events/acme/okta"))) {
            okta.addAll(lines(file));
        }
        List<String> keys =
                IntStream.range(0, okta.size()).mapToObj(i -> "k" + i).collect(Collectors.toList());
        kinesis.put("acme-okta", okta, keys);
        return inputs + okta.size();
    }

    /** Managed Flink's JSON shape; nothing else configures the job. */
    private static Path writeApplicationProperties() throws IOException {
        String json =
                "[\n"
                        + group(
                                "Job",
                                "\"state.backend\": \"hashmap\", \"checkpoint.interval\": \"1s\"")
                        + group(
                                "Kinesis",
                                "\"endpoint\": \""
                                        + kinesisUrl
                                        + "\", \"access-key\": \"local\", \"secret-key\":"
                                        + " \"local\", \"poll.interval\": \"200ms\","
                                        + " \"shard-discovery.interval\": \"1s\"")
                        + group(
                                "S3",
                                "\"endpoint\": \""
                                        + s3Url
                                        + "\", \"access-key\": \"local\", \"secret-key\":"
                                        + " \"local\"")
                        + group(
                                "Events",
                                "\"paths\": \"s3://coach/events\", \"monitor.interval\": \"1s\","
                                        + " \"kinesis.streams.file\":"
                                        + " \"s3://coach/config/event-streams.txt\"")
                        + group("Directory", "\"path\": \"s3://coach/users\", \"warm-up\": \"30s\"")
                        + group(
                                "Rules",
                                "\"path\": \"s3://coach/rules\", \"parsers.path\":"
                                        + " \"s3://coach/parsers\"")
                        + group("Audit", "\"path\": \"" + AUDIT + "\"")
                        + "  {\"PropertyGroupId\": \"Notify\", \"PropertyMap\": {\"enabled\":"
                        + " \"false\", \"modules\": \"s3://coach/config/modules.yaml\"}}\n"
                        + "]\n";
        Path properties = dir.resolve("etc-flink/application_properties.json");
        Files.createDirectories(properties.getParent());
        Files.writeString(properties, json);
        return properties;
    }

    private static String group(String id, String map) {
        return "  {\"PropertyGroupId\": \"" + id + "\", \"PropertyMap\": {" + map + "}},\n";
    }

    /**
     * One JVM: Flink's jars, then the job jar, as on Managed Flink's flat classpath. The runtime
     * library finds its properties file through config.properties; this one points it at the
     * test's.
     */
    private static Process startLikeManagedFlink(Path properties) throws IOException {
        Path runtime = Files.createDirectories(dir.resolve("runtime-settings"));
        Files.writeString(
                runtime.resolve("config.properties"),
                "application_properties_file = " + properties + "\n");
        Path target = HOME.resolve("jobs/target");
        String classpath =
                String.join(
                        File.pathSeparator,
                        runtime.toString(),
                        Files.readString(target.resolve("flink-classpath.txt")).trim(),
                        Files.readString(target.resolve("flink-classpath-shared.txt")).trim(),
                        jobJar());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m"));
        command.addAll(List.of(System.getProperty("coach.jvm.opens", "").split(" ")));
        command.removeIf(String::isBlank);
        command.addAll(
                List.of(
                        "-Dorg.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor=true",
                        "-Daws.cborEnabled=false",
                        "-Dlog4j2.configurationFile=coach-log4j2.properties",
                        "-Dcoach.log.file=" + dir.resolve("job.log"),
                        "-cp",
                        classpath,
                        "io.securitycoach.jobs.CoachJob"));
        Path workDir = Files.createDirectories(dir.resolve("work")); // no plugins/ anywhere near
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("job.out").toFile())
                .start();
    }

    private static List<JsonNode> raw() {
        return AuditTrail.read(AUDIT, AuditStage.RAW);
    }

    private static Set<String> resolvedDetections() {
        return AuditTrail.read(AUDIT, AuditStage.DETECTIONS).stream()
                .filter(d -> d.hasNonNull("user_id"))
                .map(
                        d ->
                                d.path("org_id").asText()
                                        + "/"
                                        + d.path("rule_id").asText()
                                        + "/"
                                        + d.path("user_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String tail() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("job.out", "job.log")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(name));
                List<String> last = lines.subList(Math.max(0, lines.size() - 40), lines.size());
                out.append("--- ")
                        .append(name)
                        .append('\n')
                        .append(String.join("\n", last))
                        .append('\n');
            } catch (IOException e) {
                out.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(l -> !l.isBlank())
                .collect(Collectors.toList());
    }
}
