package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * erase rewrites each stateful operator from the states {@link JobStateLayout} lists, and inspect
 * counts those: a state an operator declares that the layout does not list would be dropped by an
 * erasure. The source scan (as StateTypesTest's) makes a new state fail here until it is listed.
 */
class JobStateLayoutTest {
    private static final Pattern DESCRIPTOR =
            Pattern.compile("new (?:Value|List|Map)StateDescriptor<>\\(\\s*\"([^\"]+)\"");
    private static final Pattern HELD_DESCRIPTOR = Pattern.compile("HeldEvents\\.descriptor\\(\\s*\"([^\"]+)\"");

    @Test
    void everyStateTheOperatorsDeclareIsInTheLayout() throws IOException {
        Map<String, Path> declared = declaredStateNames(UpgradeScenario.HOME.resolve("operators/src/main/java"));
        assertThat(declared).as("state descriptors found in operators/src/main").hasSizeGreaterThan(10);
        for (Map.Entry<String, Path> d : declared.entrySet()) {
            assertThat(JobStateLayout.stateNames()).as("state '%s' declared in %s: add it to JobStateLayout "
                    + "(keyed with its operator's uid, or broadcast with its value type)", d.getKey(), d.getValue())
                    .contains(d.getKey());
        }
    }

    private static Map<String, Path> declaredStateNames(Path root) throws IOException {
        Map<String, Path> names = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(file);
                for (Pattern p : new Pattern[] {DESCRIPTOR, HELD_DESCRIPTOR}) {
                    Matcher m = p.matcher(source);
                    while (m.find()) {
                        names.put(m.group(1), file);
                    }
                }
            }
        }
        return names;
    }
}
