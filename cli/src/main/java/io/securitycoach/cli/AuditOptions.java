package io.securitycoach.cli;

import io.securitycoach.config.ConfigLoader;
import io.securitycoach.jobs.wiring.S3FileSystems;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Option;

/** Where the audit trail is (a folder or s3:// prefix), and the job configuration for S3. */
final class AuditOptions {
    @Option(
            names = "--audit",
            required = true,
            description = "The audit trail: a folder or an s3:// prefix.")
    String audit;

    @Option(
            names = "--config",
            description = "Job configuration file; its S3 group is used for s3:// paths.")
    Path config;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    String auditUri() {
        if (config != null) {
            S3FileSystems.initializeForEmbeddedRun(
                    ConfigLoader.load(new String[] {"--config", config.toString()}));
        }
        return audit.contains("://") ? audit : Paths.get(audit).toAbsolutePath().toUri().toString();
    }
}
