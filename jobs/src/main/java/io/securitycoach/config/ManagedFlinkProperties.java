package io.securitycoach.config;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Managed Flink's application properties file, at the path its runtime library names ({@code
 * application_properties_file} in the library's {@code config.properties}, normally {@code
 * /etc/flink/application_properties.json}). Read with {@link ConfigLoader#fromFile}, not the
 * library's reader, so a malformed file stops the job with its parse error instead of looking
 * empty.
 */
public final class ManagedFlinkProperties {
    static final String DEFAULT_PATH = "/etc/flink/application_properties.json";
    private static final String RUNTIME_SETTINGS = "config.properties";
    private static final String PATH_KEY = "application_properties_file";

    private ManagedFlinkProperties() {}

    /** Where the runtime keeps the application's property groups. */
    public static Path path() {
        ClassLoader loader = KinesisAnalyticsRuntime.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RUNTIME_SETTINGS)) {
            if (in == null) {
                return Path.of(DEFAULT_PATH);
            }
            Properties settings = new Properties();
            settings.load(in);
            return Path.of(settings.getProperty(PATH_KEY, DEFAULT_PATH).trim());
        } catch (IOException e) {
            return Path.of(DEFAULT_PATH);
        }
    }

    /** True when this JVM runs as a Managed Flink application (its properties file exists). */
    public static boolean present() {
        return Files.isRegularFile(path());
    }

    /** The property groups; empty when not on Managed Flink. */
    public static Map<String, Map<String, String>> read() {
        return read(path());
    }

    static Map<String, Map<String, String>> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            return ConfigLoader.fromFile(file);
        } catch (ConfigException e) {
            throw new ConfigException(
                    e.problems().stream()
                            .map(problem -> problem.in("Managed Flink application properties"))
                            .collect(Collectors.toList()));
        }
    }
}
