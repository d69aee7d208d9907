package io.securitycoach.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.options.Option;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each option is declared once, beside the component that reads it, in a class named {@code
 * *Options}; the configuration lists every such class's groups, so validation, the reference and
 * the settings' defaults cannot miss one.
 */
class OptionDeclarationsTest {
    @Test
    void noKeyIsDeclaredTwice() {
        List<String> ids = CoachConfig.keys().stream().map(Option::id).collect(Collectors.toList());
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void everyKeyHasADescriptionAndADefaultOfItsOwnType() {
        for (Option<?> key : CoachConfig.keys()) {
            assertThat(key.description).as(key.id()).isNotBlank();
            assertThat(key.name).as(key.id()).matches("[a-z0-9]+([.-][a-z0-9]+)*");
            if (key.defaultText != null) { // else unset means "not used" or "required"
                assertThat(key.problemWith(key.defaultText)).as(key.id()).isNull();
                assertThat((Object) key.defaultValue()).as(key.id()).isNotNull();
            }
        }
    }

    @Test
    void everyDeclaredOptionIsKnownToTheConfiguration() throws Exception {
        Set<Option<?>> known = new HashSet<>(CoachConfig.keys());
        List<String> holders = optionsClasses();
        assertThat(holders).as("*Options classes on the class path").hasSizeGreaterThan(5);
        for (String holder : holders) {
            for (Field field : Class.forName(holder).getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == Option.class) {
                    assertThat(known)
                            .as(
                                    holder
                                            + "."
                                            + field.getName()
                                            + ": list its OptionGroup in CoachConfig.DECLARED")
                            .contains((Option<?>) field.get(null));
                }
            }
        }
    }

    /** Every io.securitycoach class whose name ends in Options, in folders and jars alike. */
    private static List<String> optionsClasses() throws IOException {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.map(f -> path.relativize(f).toString().replace(File.separatorChar, '/'))
                            .forEach(n -> addIfOptions(n, names));
                }
            } else if (entry.endsWith(".jar") && Files.exists(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    jar.stream().map(e -> e.getName()).forEach(n -> addIfOptions(n, names));
                }
            }
        }
        return names;
    }

    private static void addIfOptions(String file, List<String> names) {
        if (file.startsWith("io/securitycoach/")
                && file.endsWith("Options.class")
                && !file.contains("$")
                && !file.contains("/shaded/")) { // s3-fs relocates libraries under our name
            names.add(file.substring(0, file.length() - ".class".length()).replace('/', '.'));
        }
    }
}
