package io.securitycoach.jobs.wiring;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginDescriptor;

/**
 * S3 for embedded runs (./coach, tests): a cluster loads {@code flink-s3-fs-hadoop} from its {@code
 * plugins/} folder and reads {@code s3.*} from its configuration; a mini-cluster in this JVM does
 * neither, so this does the same from the {@code S3} property group. The plugin keeps the S3
 * filesystem's own Hadoop, AWS SDK and Jackson out of the job's classpath. Without a plugins folder
 * (Managed Flink has none) the job jar's bundled, relocated copy serves (module s3-fs).
 */
public final class S3FileSystems {
    static final String BUNDLED_FACTORY = "org.apache.flink.fs.s3hadoop.S3FileSystemFactory";

    private S3FileSystems() {}

    /** No-op unless {@code S3.endpoint} is set. */
    public static void initializeForEmbeddedRun(CoachConfig config) {
        if (!config.isSet(EmbeddedS3Options.S3_ENDPOINT)) {
            return;
        }
        Configuration conf = new Configuration();
        conf.setString("s3.endpoint", config.require(EmbeddedS3Options.S3_ENDPOINT));
        conf.setString(
                "s3.path.style.access",
                String.valueOf(config.get(EmbeddedS3Options.S3_PATH_STYLE)));
        config.getOptional(EmbeddedS3Options.S3_ACCESS_KEY)
                .ifPresent(k -> conf.setString("s3.access-key", k));
        config.getOptional(EmbeddedS3Options.S3_SECRET_KEY)
                .ifPresent(k -> conf.setString("s3.secret-key", k));
        // Without it S3A deletes directory markers on every commit: checkpoints crawl on
        // S3-compatible servers.
        conf.setString("s3.directory.marker.retention", "keep");
        Path plugins = Path.of(config.require(EmbeddedS3Options.S3_PLUGINS_DIR));
        if (Files.isDirectory(plugins.resolve("s3-fs-hadoop"))) {
            initializeWithPlugins(conf, plugins);
        } else if (bundled()) {
            FileSystem.initialize(
                    conf, null); // the job jar's own S3 file system, as on Managed Flink
        } else {
            throw new ConfigException(
                    EmbeddedS3Options.S3_PLUGINS_DIR.id()
                            + ": no s3-fs-hadoop plugin under "
                            + plugins.toAbsolutePath()
                            + " (./mvnw package puts it in jobs/target/plugins) "
                            + "and no S3 file system on the classpath");
        }
    }

    /**
     * True when the S3 file system is on the classpath (the job jar bundles it, relocated, for
     * Managed Flink).
     */
    static boolean bundled() {
        try {
            Class.forName(BUNDLED_FACTORY, false, S3FileSystems.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void initializeWithPlugins(Configuration conf, Path plugins) {
        try {
            Collection<PluginDescriptor> found =
                    new DirectoryBasedPluginFinder(plugins).findPlugins();
            String[] parentFirst = CoreOptions.getPluginParentFirstLoaderPatterns(conf);
            FileSystem.initialize(conf, new DefaultPluginManager(found, parentFirst));
        } catch (IOException e) {
            throw new ConfigException(
                    EmbeddedS3Options.S3_PLUGINS_DIR.id()
                            + ": cannot load plugins from "
                            + plugins
                            + ": "
                            + e.getMessage());
        }
    }
}
