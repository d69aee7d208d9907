package io.securitycoach.config;

import io.securitycoach.options.Option;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Small files a setting points to (the coaching modules catalogue, a list of streams), read at
 * start from wherever the job runs: {@code s3://} and other Flink file systems, a local path, or
 * {@code classpath:NAME} for a resource inside the job jar (Managed Flink has no local files of the
 * operator's). Bounded in size: these are settings, not data.
 */
public final class ConfigFiles {
    static final String CLASSPATH = "classpath:";
    static final int MAX_BYTES = 1 << 20;

    private ConfigFiles() {}

    /** The file's text; a {@link ConfigException} naming {@code key} when it cannot be read. */
    public static String read(Option<?> key, String location) {
        try (InputStream in = open(location.trim())) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ConfigException(
                        key.id() + ": " + location + " is larger than " + MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(
                    key.id() + ": cannot read " + location + ": " + e.getMessage());
        }
    }

    /** Non-blank lines without # comments, each split at commas. */
    public static List<String> entries(Option<?> key, String location) {
        List<String> out = new ArrayList<>();
        for (String line : read(key, location).split("\n")) {
            int hash = line.indexOf('#');
            String content = hash >= 0 ? line.substring(0, hash) : line;
            out.addAll(
                    Arrays.stream(content.split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .collect(Collectors.toList()));
        }
        return out;
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String name = location.substring(CLASSPATH.length()).replaceFirst("^/+", "");
            InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("no resource '" + name + "' in the job jar");
            }
            return in;
        }
        boolean uri = location.contains("://") || location.startsWith("file:");
        Path path = uri ? new Path(URI.create(location)) : new Path(new File(location).toURI());
        return FileSystem.get(path.toUri()).open(path);
    }
}
