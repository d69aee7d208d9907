package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.testing.DeclaredStates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * erase rewrites each stateful operator from the states {@link JobStateLayout} lists, and inspect
 * counts those: a state an operator declares that the layout does not list would be dropped by an
 * erasure. The source scan (as StateTypesTest's) makes a new state fail here until it is listed.
 */
class JobStateLayoutTest {
    @Test
    void everyStateTheOperatorsDeclareIsInTheLayout() throws IOException {
        Map<String, Path> declared =
                DeclaredStates.in(UpgradeScenario.HOME.resolve("operators/src/main/java"));
        assertThat(declared)
                .as("state descriptors found in operators/src/main")
                .hasSizeGreaterThan(10);
        for (Map.Entry<String, Path> d : declared.entrySet()) {
            assertThat(JobStateLayout.stateNames())
                    .as(
                            "state '%s' declared in %s: add it to JobStateLayout (keyed with its"
                                    + " operator's uid, or broadcast with its value type)",
                            d.getKey(), d.getValue())
                    .contains(d.getKey());
        }
    }
}
