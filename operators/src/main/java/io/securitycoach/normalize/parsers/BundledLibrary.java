package io.securitycoach.normalize.parsers;

import io.securitycoach.schema.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The parsers library as the job carries it: {@code parsers-library/<name>/parser.yaml} on the
 * classpath (operators' build copies the repository's {@code parsers-library/} there). A name is
 * looked up only when it is a valid parser name, so it cannot reach outside the library.
 */
final class BundledLibrary {
    static final String ROOT = "parsers-library/";

    /** Texts read once per JVM: the library is part of the job's code and does not change. */
    private static final ConcurrentHashMap<String, Optional<String>> TEXTS =
            new ConcurrentHashMap<>();

    private BundledLibrary() {}

    /** The library configuration's text, or empty when the library has no such name. */
    static Optional<String> text(String name) {
        if (!ParserCompiler.isValidName(name)) {
            return Optional.empty();
        }
        return TEXTS.computeIfAbsent(name, BundledLibrary::read);
    }

    private static Optional<String> read(String name) {
        try (InputStream in = resource(ROOT + name + "/" + ParserLibrary.CONFIG)) {
            return in == null ? Optional.empty() : Optional.of(Utf8Text.decode(in.readAllBytes()));
        } catch (IOException | Utf8Text.InvalidUtf8Exception e) {
            return Optional.empty();
        }
    }

    private static InputStream resource(String path) {
        ClassLoader loader = BundledLibrary.class.getClassLoader();
        return loader.getResourceAsStream(path);
    }

    /** The names in the library, for an error that lists them; empty when it cannot be listed. */
    static SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        URL root = BundledLibrary.class.getClassLoader().getResource(ROOT);
        try {
            if (root != null && "file".equals(root.getProtocol())) {
                try (Stream<Path> dirs = Files.list(Path.of(root.toURI()))) {
                    dirs.filter(d -> Files.isRegularFile(d.resolve(ParserLibrary.CONFIG)))
                            .forEach(d -> names.add(d.getFileName().toString()));
                }
            } else if (root != null && "jar".equals(root.getProtocol())) {
                JarFile jar = ((JarURLConnection) root.openConnection()).getJarFile();
                namesIn(jar, names);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // a listing is only for the message: the lookup by name does not need it
        }
        return names;
    }

    private static void namesIn(JarFile jar, SortedSet<String> names) {
        String suffix = "/" + ParserLibrary.CONFIG;
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            String entry = e.nextElement().getName();
            if (entry.startsWith(ROOT) && entry.endsWith(suffix)) {
                String name = entry.substring(ROOT.length(), entry.length() - suffix.length());
                if (ParserCompiler.isValidName(name)) {
                    names.add(name);
                }
            }
        }
    }
}
