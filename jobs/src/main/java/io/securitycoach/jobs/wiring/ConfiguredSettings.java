package io.securitycoach.jobs.wiring;

import io.securitycoach.coaching.ChannelName;
import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.config.ConfigFiles;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.notify.NotifyOptions;
import java.io.IOException;

/**
 * {@link JobSettings} from the configuration: the settings objects read their own options; this
 * adds the notifier's wiring (endpoints per channel, the module catalogue, whether to send at all).
 */
public final class ConfiguredSettings {
    private ConfiguredSettings() {}

    public static JobSettings from(CoachConfig config) {
        try {
            JobSettings s = new JobSettings(config);
            wireNotifier(config, s.notifier);
            return s;
        } catch (IllegalArgumentException e) { // a value the settings refuse, named by its key
            throw new ConfigException(e.getMessage());
        }
    }

    /** The notifier's settings alone (what {@link #from} gives the job). */
    static NotifierSettings notifier(CoachConfig config) {
        return from(config).notifier;
    }

    /**
     * The deployment's own endpoint of a channel (Slack's API base; Teams and webhook URLs are
     * optional).
     */
    private static String endpoint(CoachConfig config, ChannelName channel) {
        switch (channel) {
            case SLACK:
                return config.require(NotifyOptions.SLACK_URL);
            case TEAMS:
                return config.get(NotifyOptions.TEAMS_URL);
            default:
                return config.get(NotifyOptions.WEBHOOK_URL);
        }
    }

    private static void wireNotifier(CoachConfig config, NotifierSettings n) {
        if (config.isSet(NotifyOptions.RECEIVER_URL)) {
            n.routeAllChannelsTo(config.get(NotifyOptions.RECEIVER_URL));
        } else {
            for (String channel : config.get(NotifyOptions.CHANNELS)) {
                n.endpoints.put(channel, endpoint(config, knownChannel(channel)));
            }
        }
        if (!config.get(NotifyOptions.NOTIFY_ENABLED)) {
            n.endpoints.clear(); // the planner skips every notification with channel_not_configured
        }
        if (config.isSet(NotifyOptions.MODULES)) {
            n.modules = modules(config.get(NotifyOptions.MODULES));
        }
    }

    private static ChannelName knownChannel(String channel) {
        return ChannelName.byId(channel)
                .orElseThrow(
                        () ->
                                new ConfigException(
                                        NotifyOptions.CHANNELS.id()
                                                + ": unknown channel '"
                                                + channel
                                                + "' ("
                                                + String.join(", ", ChannelName.ids())
                                                + ")"));
    }

    /** From a local path, s3:// or classpath: (a resource in the job jar). */
    private static CoachingModules modules(String path) {
        String yaml = ConfigFiles.read(NotifyOptions.MODULES, path);
        try {
            return CoachingModules.parse(yaml, path);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    NotifyOptions.MODULES.id() + ": " + path + ": " + e.getMessage());
        }
    }
}
