package io.securitycoach.jobs.wiring;

import io.securitycoach.options.Option;
import io.securitycoach.options.OptionGroup;

/**
 * S3 for embedded runs ({@code S3} group, read by {@link S3FileSystems}); a cluster configures
 * {@code s3.*} in its own Flink configuration.
 */
public final class EmbeddedS3Options {
    public static final OptionGroup S3 = new OptionGroup("S3");

    public static final Option<String> S3_ENDPOINT =
            S3.url(
                    "endpoint",
                    null,
                    "Embedded runs only: S3 endpoint such as http://127.0.0.1:9000 (S3Proxy). On a"
                            + " cluster set s3.endpoint in Flink's config.");

    public static final Option<String> S3_ACCESS_KEY =
            S3.string("access-key", null, "Embedded runs only: S3 access key.");

    public static final Option<String> S3_SECRET_KEY =
            S3.string("secret-key", null, "Embedded runs only: S3 secret key.");

    public static final Option<Boolean> S3_PATH_STYLE =
            S3.flag(
                    "path-style-access",
                    "true",
                    "Embedded runs only: bucket in the path, not the host name (needed by local S3"
                            + " servers).");

    public static final Option<String> S3_PLUGINS_DIR =
            S3.string(
                    "plugins.dir",
                    "jobs/target/plugins",
                    "Embedded runs only: folder holding s3-fs-hadoop/, loaded as a Flink plugin the"
                            + " way a cluster loads it.");

    private EmbeddedS3Options() {}
}
