package io.securitycoach.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The state names the operators declare, found in their sources, so checks over every state (POJO
 * types, the savepoint tools' layout) fail when a new state is added without them.
 */
public final class DeclaredStates {
    private static final Pattern DESCRIPTOR =
            Pattern.compile("new (?:Value|List|Map)StateDescriptor<>\\(\\s*\"([^\"]+)\"");
    private static final Pattern HELD_DESCRIPTOR =
            Pattern.compile("HeldEvents\\.descriptor\\(\\s*\"([^\"]+)\"");

    private DeclaredStates() {}

    /** State name -> the source file declaring it, under {@code root} (operators/src/main/java). */
    public static Map<String, Path> in(Path root) throws IOException {
        Map<String, Path> names = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file :
                    (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
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
