package io.securitycoach.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.control.OrgAllowances;
import io.securitycoach.directory.DirectoryChanges;
import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.normalize.FeedWindow;
import io.securitycoach.normalize.IngestQuota;
import io.securitycoach.notify.NotificationPlanner;
import io.securitycoach.notify.ParkedNotifications;
import io.securitycoach.rules.Detection;
import io.securitycoach.rules.RuleDefinition;
import io.securitycoach.rules.RuleProgress;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import io.securitycoach.testing.DeclaredStates;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every state the job keeps, by descriptor name, with the type it holds: each type must serialize
 * as a POJO without Kryo, or savepoints cannot evolve. The source scan fails when an operator
 * declares a state descriptor that is not listed here, so a new state cannot escape the check.
 */
class StateTypesTest {
    /** Descriptor name -> the value type it holds (keys of map state are strings). */
    static final Map<String, Class<?>> STATE =
            new TreeMap<>(
                    Map.ofEntries(
                            Map.entry("rules", RuleDefinition.class),
                            Map.entry("control", Boolean.class),
                            Map.entry("org-settings", OrgSettings.class),
                            Map.entry("rule-progress", RuleProgress.class),
                            Map.entry("waiting-for-rules", SecurityEvent.class),
                            Map.entry("coached-today", NotificationPlanner.DailyCount.class),
                            Map.entry("held-for-quiet-hours", Detection.class),
                            Map.entry("waiting-for-org-settings", Detection.class),
                            Map.entry("user-version", DirectoryChanges.UserVersion.class),
                            Map.entry("identity-owner", String.class),
                            Map.entry("user-profile", UserProfile.class),
                            Map.entry("parsers", ControlMessage.class),
                            Map.entry("parsers-ready", Boolean.class),
                            Map.entry("control-org-allowances", OrgAllowances.Bucket.class),
                            Map.entry("waiting-for-parsers", RawEvent.class),
                            Map.entry("org-feed-settings", OrgSettings.class),
                            Map.entry("feed-window", FeedWindow.class),
                            Map.entry("held-for-identity", SecurityEvent.class),
                            Map.entry("held-for-profile", SecurityEvent.class),
                            Map.entry("integration-definition", IntegrationDefinition.class),
                            Map.entry("integration-cursor", IntegrationCursor.class),
                            Map.entry("integration-next-poll", Long.class),
                            Map.entry("ingest-quota", IngestQuota.OrgQuota.class),
                            Map.entry("deferred-records", RawEvent.class),
                            Map.entry("parked-notifications", Notification.class),
                            Map.entry("parked-queue", ParkedNotifications.ParkedQueue.class)));

    static Stream<Class<?>> pojoStateTypes() {
        return STATE.values().stream()
                .filter(t -> t.getName().startsWith("io.securitycoach"))
                .distinct();
    }

    @ParameterizedTest
    @MethodSource("pojoStateTypes")
    void stateTypeIsAPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }

    @Test
    void everyStateDescriptorInTheOperatorsIsListed() throws IOException {
        Map<String, Path> declared = DeclaredStates.in(Paths.get("src/main/java"));
        assertThat(declared).as("state descriptors found in operators/src/main").isNotEmpty();
        for (Map.Entry<String, Path> d : declared.entrySet()) {
            assertThat(STATE)
                    .as(
                            "state '%s' declared in %s: add it to StateTypesTest.STATE with its"
                                    + " type",
                            d.getKey(), d.getValue())
                    .containsKey(d.getKey());
        }
    }
}
