package io.securitycoach.jobs;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginDescriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * S3 for embedded runs (./coach, tests): a cluster loads {@code flink-s3-fs-hadoop} from its
 * {@code plugins/} folder and reads {@code s3.*} from its configuration; a mini-cluster in this JVM
 * does neither, so this does the same from the {@code S3} property group. The plugin keeps the S3
 * filesystem's own Hadoop, AWS SDK and Jackson out of the job's classpath.
 */
public final class S3FileSystems {
    private S3FileSystems() {}

    /** No-op unless {@code S3.endpoint} is set. */
    public static void initializeForEmbeddedRun(CoachConfig config) {
        if (!config.isSet(CoachConfig.S3_ENDPOINT)) {
            return;
        }
        Configuration conf = new Configuration();
        conf.setString("s3.endpoint", config.string(CoachConfig.S3_ENDPOINT));
        conf.setString("s3.path.style.access", String.valueOf(config.flag(CoachConfig.S3_PATH_STYLE)));
        config.get(CoachConfig.S3_ACCESS_KEY).ifPresent(k -> conf.setString("s3.access-key", k));
        config.get(CoachConfig.S3_SECRET_KEY).ifPresent(k -> conf.setString("s3.secret-key", k));
        // Without it S3A deletes directory markers on every commit: checkpoints crawl on S3-compatible servers.
        conf.setString("s3.directory.marker.retention", "keep");
        Path plugins = Path.of(config.string(CoachConfig.S3_PLUGINS_DIR));
        if (!Files.isDirectory(plugins.resolve("s3-fs-hadoop"))) {
            throw new ConfigException(CoachConfig.S3_PLUGINS_DIR.id() + ": no s3-fs-hadoop plugin under " + plugins.toAbsolutePath()
                    + " (./mvnw package puts it in jobs/target/plugins)");
        }
        try {
            Collection<PluginDescriptor> found = new DirectoryBasedPluginFinder(plugins).findPlugins();
            FileSystem.initialize(conf, new DefaultPluginManager(found, CoreOptions.getPluginParentFirstLoaderPatterns(conf)));
        } catch (IOException e) {
            throw new ConfigException(CoachConfig.S3_PLUGINS_DIR.id() + ": cannot load plugins from " + plugins + ": " + e.getMessage());
        }
    }
}
