package io.securitycoach.jobs.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedSourcesTest {
    private static CoachConfig config(Map<String, String> events, boolean bounded) {
        Map<String, Map<String, String>> g = new HashMap<>();
        g.put("Events", events);
        g.put("Directory", Map.of("path", "/tmp/users"));
        g.put(
                "Rules",
                Map.of(
                        "path",
                        Paths.get(System.getProperty("coach.home", ".."), "samples/rules")
                                .toString()));
        g.put("Audit", Map.of("path", "/tmp/audit"));
        if (bounded) {
            g.put("Job", Map.of("bounded", "true"));
        }
        return CoachConfig.of(g);
    }

    @Test
    void aSharedStreamOrPrefixIsAnEventSourceOfItsOwn() {
        assertThat(
                        new SharedSources(
                                        config(
                                                Map.of(
                                                        "shared.kinesis.streams",
                                                        "s1,s2=partition-key"),
                                                false))
                                .isEmpty())
                .isFalse();
        assertThat(
                        new SharedSources(
                                        config(
                                                Map.of("shared.paths", "s3://b/events/_shared/x"),
                                                false))
                                .isEmpty())
                .isFalse();
        assertThat(new SharedSources(config(Map.of("paths", "/tmp/events"), false)).isEmpty())
                .isTrue();
        new ConfiguredSources(config(Map.of("shared.kinesis.streams", "shared"), false));
    }

    @Test
    void badEntriesAndOrgsAreRefusedAtStartNamingTheKey() {
        assertThatThrownBy(
                        () ->
                                new SharedSources(
                                        config(
                                                Map.of(
                                                        "shared.kinesis.streams",
                                                        "ok,bad/name,s=json,ok"),
                                                false)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Events.shared.kinesis.streams")
                .hasMessageContaining("'bad/name'")
                .hasMessageContaining("'s=json'")
                .hasMessageContaining("listed twice");
        assertThatThrownBy(
                        () ->
                                new SharedSources(
                                        config(
                                                Map.of(
                                                        "shared.paths",
                                                        "/tmp/x",
                                                        "shared.allowed-orgs",
                                                        "acme,Globex"),
                                                false)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Events.shared.allowed-orgs")
                .hasMessageContaining("'Globex'");
    }

    @Test
    void aBoundedRunReadsSharedPrefixesButNoStream() {
        new ConfiguredSources(config(Map.of("shared.paths", "/tmp/x"), true));
        assertThatThrownBy(
                        () ->
                                new ConfiguredSources(
                                        config(Map.of("shared.kinesis.streams", "shared"), true)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Events.shared.kinesis.streams");
    }
}
