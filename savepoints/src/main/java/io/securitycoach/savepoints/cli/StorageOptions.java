package io.securitycoach.savepoints.cli;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigLoader;
import io.securitycoach.jobs.S3FileSystems;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Options every savepoint command shares: the state backend, and where S3 is (for s3:// paths). */
final class StorageOptions {
    @Option(names = "--state-backend", defaultValue = "hashmap",
            description = "hashmap (default; reads and writes canonical savepoints of both backends) or rocksdb.")
    String backend;

    @Option(names = "--config", description = "Job configuration file; its S3 group is used for s3:// paths.")
    Path config;

    /** Sets up S3 for this JVM when asked to (a no-op without an S3 endpoint). */
    void initialize() {
        List<String> args = new ArrayList<>();
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        if (!args.isEmpty()) {
            CoachConfig loaded = ConfigLoader.load(args.toArray(new String[0]));
            S3FileSystems.initializeForEmbeddedRun(loaded);
        }
    }

    /** A local path as a URI; s3:// and other URIs as they are. */
    static String uri(String path) {
        return path.contains("://") ? path : Paths.get(path).toAbsolutePath().toUri().toString();
    }
}
