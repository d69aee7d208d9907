package io.securitycoach.savepoints.cli;

import io.securitycoach.cli.S3Options;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every savepoint command shares: the state backend, and where S3 is (for s3:// paths). */
final class StorageOptions {
    @Option(
            names = "--state-backend",
            defaultValue = "hashmap",
            description =
                    "hashmap (default; reads and writes canonical savepoints of both backends) or"
                            + " rocksdb.")
    String backend;

    @Option(
            names = "--config",
            description = "Job configuration file; its S3 group is used for s3:// paths.")
    Path config;

    /**
     * --S3.endpoint, --S3.access-key, ...: the S3 group's keys without a file, as ./coach run takes
     * them.
     */
    @Mixin S3Options s3;

    /** Sets up S3 for this JVM when asked to (a no-op without an S3 endpoint). */
    void initialize() {
        s3.initialize(config);
    }

    /** A local path as a URI; s3:// and other URIs as they are. */
    static String uri(String path) {
        return path.contains("://") ? path : Paths.get(path).toAbsolutePath().toUri().toString();
    }
}
