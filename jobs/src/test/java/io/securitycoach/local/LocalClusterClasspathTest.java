package io.securitycoach.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local-cluster/ starts Flink's JVMs from jobs/target/flink-classpath*.txt (Flink without the job's
 * libraries, as a distribution's lib/ holds). A library Flink needs that the job also uses drops
 * out of the "provided" listing; this runs what up.sh runs first, in a JVM of its own, to catch
 * that here.
 */
class LocalClusterClasspathTest {
    @TempDir Path conf;

    @Test
    void flinkClasspathRunsFlinksOwnLauncherUtility() throws Exception {
        Path target = Path.of("target");
        String classpath =
                Files.readString(target.resolve("flink-classpath.txt")).trim()
                        + File.pathSeparator
                        + Files.readString(target.resolve("flink-classpath-shared.txt")).trim();
        Files.writeString(
                conf.resolve("config.yaml"),
                "taskmanager.memory.process.size: 1280m\ntaskmanager.numberOfTaskSlots: 2\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p =
                new ProcessBuilder(
                                java,
                                "-cp",
                                classpath,
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                "GET_TM_RESOURCE_PARAMS",
                                "--configDir",
                                conf.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> results =
                out.lines()
                        .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                        .collect(Collectors.toList());
        assertThat(results).as(out).hasSize(2);
        assertThat(results.get(0)).contains("-Xmx").contains("-XX:MaxDirectMemorySize");
        assertThat(results.get(1)).contains("taskmanager.cpu.cores");
        assertThat(classpath)
                .as("the job's own libraries stay out")
                .doesNotContain("coach-operators")
                .doesNotContain("/cel-");
    }
}
