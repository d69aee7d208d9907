package io.securitycoach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The job jar Managed Flink runs holds the job's code and its libraries only: the CLI, the local
 * stand-ins, the soak checker and the savepoint tools live in cli/ and devkit/, outside it.
 */
class JobJarContentsIT {
    private static final List<String> NOT_JOB_CODE =
            List.of(
                    "io/securitycoach/cli/",
                    "io/securitycoach/soak/",
                    "io/securitycoach/local/",
                    "io/securitycoach/receiver/",
                    "io/securitycoach/savepoints/",
                    "io/securitycoach/bench/",
                    "picocli/");

    @Test
    void holdsOnlyJobCode() throws Exception {
        List<String> classes = entries();
        assertThat(classes)
                .as("the graph, its wiring and configuration are in the jar")
                .contains(
                        "io/securitycoach/jobs/CoachJob.class",
                        "io/securitycoach/config/CoachConfig.class",
                        "io/securitycoach/jobs/wiring/ConfiguredSources.class",
                        // an org enables a library configuration by name: it must be in the jar
                        "parsers-library/duo-auth/parser.yaml");
        assertThat(classes)
                .as("no CLI, stand-in, soak or savepoint classes")
                .noneMatch(name -> NOT_JOB_CODE.stream().anyMatch(name::startsWith));
        assertThat(classes)
                .noneMatch(name -> name.startsWith("META-INF/services/io.securitycoach.cli."));
    }

    private static List<String> entries() throws Exception {
        Path jar = Path.of(System.getProperty("coach.job.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).collect(Collectors.toList());
        }
    }
}
