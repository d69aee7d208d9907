package io.securitycoach.cli;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigLoader;
import io.securitycoach.jobs.wiring.EmbeddedS3Options;
import io.securitycoach.jobs.wiring.S3FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where S3 is for commands that read or write {@code s3://} paths in this JVM: the job
 * configuration's {@code S3} group, from a configuration file (the command's {@code --config}, if
 * it has one) and/or the same keys given as {@code --S3.key value}, the overrides configured
 * commands take. Without keys, S3's default credential chain serves ({@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, the instance's role).
 */
public final class S3Options {
    @Option(
            names = "--S3.endpoint",
            paramLabel = "URL",
            description =
                    "S3 endpoint for s3:// paths (e.g. https://s3.eu-west-1.amazonaws.com or a"
                            + " local S3Proxy).")
    String endpoint;

    @Option(
            names = "--S3.access-key",
            paramLabel = "KEY",
            description = "S3 access key (else the default credential chain).")
    String accessKey;

    @Option(names = "--S3.secret-key", paramLabel = "KEY", description = "S3 secret key.")
    String secretKey;

    @Option(
            names = "--S3.plugins.dir",
            paramLabel = "DIR",
            description =
                    "Folder holding s3-fs-hadoop/ (default jobs/target/plugins of this checkout).")
    String pluginsDir;

    /**
     * Sets up S3 for this JVM from {@code configFile} (may be null) and the options; a no-op
     * without an endpoint.
     */
    public void initialize(Path configFile) {
        CoachConfig config = ConfigLoader.load(arguments(configFile, null));
        if (!config.isSet(EmbeddedS3Options.S3_PLUGINS_DIR)) {
            // Relative to the checkout, not to wherever ./coach was started.
            Path plugins = CoachCli.home().resolve(EmbeddedS3Options.S3_PLUGINS_DIR.defaultText);
            config = ConfigLoader.load(arguments(configFile, plugins));
        }
        S3FileSystems.initializeForEmbeddedRun(config);
    }

    private String[] arguments(Path configFile, Path defaultPluginsDir) {
        List<String> args = new ArrayList<>();
        if (configFile != null) {
            args.addAll(List.of("--config", configFile.toString()));
        }
        add(args, "endpoint", endpoint);
        add(args, "access-key", accessKey);
        add(args, "secret-key", secretKey);
        add(
                args,
                "plugins.dir",
                pluginsDir != null || defaultPluginsDir == null
                        ? pluginsDir
                        : defaultPluginsDir.toString());
        return args.toArray(new String[0]);
    }

    private static void add(List<String> args, String key, String value) {
        if (value != null) {
            args.addAll(List.of("--S3." + key, value));
        }
    }
}
