package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.cli.CoachCli;
import io.securitycoach.local.LocalServers;
import io.securitycoach.local.S3Buckets;
import io.securitycoach.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The savepoint commands and {@code ./coach run --from-savepoint} against S3 (a local S3Proxy), set
 * up with {@code --S3.*} options only, no configuration file: bootstrap into S3, inspect it there,
 * erase an org from S3 to S3 and inspect the result, and restore the bootstrapped savepoint into
 * the embedded run (EraseSavepointTest restores erased savepoints). The savepoint commands run
 * their jobs on one shared mini cluster: 3-9 s each, against 11-24 s on a local cluster of their
 * own.
 */
class SavepointsOnS3Test {
    /** The savepoint commands' jobs run here rather than each on a local cluster of its own. */
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final Path HOME =
            Paths.get(System.getProperty("coach.home", "..")).toAbsolutePath().normalize();
    static final Path SAMPLES = HOME.resolve("samples");
    static final String BOOTSTRAPPED = "s3://coach/savepoints/bootstrapped";
    static final String ERASED = "s3://coach/savepoints/without-acme";

    @TempDir static Path dir;

    static LocalServers servers;
    static List<String> s3Options;

    @BeforeAll
    static void startS3() throws Exception {
        servers = new LocalServers();
        String endpoint =
                servers.startS3(HOME, LocalServers.freePort(), null, dir.resolve("s3proxy.log"));
        new S3Buckets(endpoint).create("coach");
        // The plugins folder is left to its default: this checkout's jobs/target/plugins.
        s3Options =
                List.of(
                        "--S3.endpoint",
                        endpoint,
                        "--S3.access-key",
                        "local",
                        "--S3.secret-key",
                        "local");
    }

    @AfterAll
    static void stopS3() {
        FileSystem.initialize(
                new Configuration(), null); // other tests in this JVM get plain filesystems back
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void bootstrapInspectEraseAndRestoreOnS3() throws Exception {
        assertThat(
                        coach(
                                "savepoint",
                                "bootstrap",
                                "--users",
                                SAMPLES.resolve("users").toString(),
                                "--rules",
                                SAMPLES.resolve("rules").toString(),
                                "--parsers",
                                SAMPLES.resolve("parsers").toString(),
                                "--out",
                                BOOTSTRAPPED))
                .isZero();
        JsonNode bootstrapped = inspect(BOOTSTRAPPED);
        assertThat(bootstrapped.path("orgs").fieldNames())
                .toIterable()
                .as("orgs in %s", BOOTSTRAPPED)
                .contains("acme", "globex");
        assertThat(bootstrapped.path("orgs").path("acme").path("users").asLong()).isPositive();
        assertThat(bootstrapped.path("size_bytes").asLong()).as("measured on S3").isPositive();

        assertThat(
                        coach(
                                "savepoint",
                                "erase",
                                "--org",
                                "acme",
                                "--from",
                                BOOTSTRAPPED,
                                "--out",
                                ERASED))
                .isZero();
        JsonNode erased = inspect(ERASED);
        assertThat(erased.toString()).doesNotContain("\"acme\"");
        assertThat(erased.path("orgs").path("globex"))
                .isEqualTo(bootstrapped.path("orgs").path("globex"));

        JsonNode restored = restoredRun(BOOTSTRAPPED, "from-bootstrapped");
        assertThat(restored.path("detections"))
                .as("as from BootstrapSavepointTest's local savepoint")
                .hasSize(15);
        assertThat(restored.path("events_resolved").asLong())
                .as("the directory came from the savepoint")
                .isPositive();
        assertThat(restored.path("events_held").asLong())
                .as("nobody waited for a directory record")
                .isZero();
    }

    /**
     * {@code ./coach run --bounded --from-savepoint S3_PATH} over the samples' events; its summary.
     */
    private static JsonNode restoredRun(String savepoint, String name) throws Exception {
        Path summary = dir.resolve(name + ".json");
        TestStreamEnvironment
                .unsetAsContext(); // ./coach run starts its own local cluster (with the Web UI)
        assertThat(
                        coach(
                                "run",
                                "--bounded",
                                "--parallelism",
                                "1",
                                "--from-savepoint",
                                savepoint,
                                "--out",
                                dir.resolve(name).toString(),
                                "--summary-json",
                                summary.toString()))
                .isZero();
        return Json.mapper().readTree(summary.toFile());
    }

    /** {@code ./coach savepoint inspect PATH --json}, its output read back. */
    private static JsonNode inspect(String savepoint) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(coach("savepoint", "inspect", savepoint, "--json")).isZero();
        } finally {
            System.setOut(stdout);
        }
        return Json.mapper().readTree(captured.toString(StandardCharsets.UTF_8));
    }

    private static int coach(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(s3Options);
        return CoachCli.commandLine().execute(all.toArray(new String[0]));
    }
}
