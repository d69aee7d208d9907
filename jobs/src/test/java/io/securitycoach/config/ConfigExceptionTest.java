package io.securitycoach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.jobs.JobOptions;
import io.securitycoach.jobs.wiring.kinesis.KinesisOptions;
import io.securitycoach.validation.Problem;
import io.securitycoach.validation.Problems;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {
    @Test
    void listsEveryProblemOnItsOwnLineUnderOneHeading() {
        ConfigException e =
                new ConfigException(
                        new Problems()
                                .add("Job.bounded", "'maybe' must be true or false")
                                .addGeneral("set Rules.path or Rules.kinesis.stream (or both)"));
        assertThat(e)
                .hasMessage(
                        "invalid configuration:\n  Job.bounded: 'maybe' must be true or false\n"
                                + "  set Rules.path or Rules.kinesis.stream (or both)");
        assertThat(e.messages())
                .containsExactly(
                        "Job.bounded: 'maybe' must be true or false",
                        "set Rules.path or Rules.kinesis.stream (or both)");
        assertThat(e.problems()).extracting(p -> p.path).containsExactly("Job.bounded", null);
        assertThat(new ConfigException("Kinesis.region: not set").problems())
                .containsExactly(Problem.of("Kinesis.region: not set"));
    }

    @Test
    void aBadValueIsReportedUnderItsKey() {
        assertThatThrownBy(() -> CoachConfig.of(Map.of("Job", Map.of("identity.grace", "soon"))))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .singleElement()
                                        .satisfies(
                                                p -> {
                                                    assertThat(p.path)
                                                            .isEqualTo("Job.identity.grace");
                                                    assertThat(p.message)
                                                            .isEqualTo(
                                                                    "'soon' must be a duration such"
                                                                        + " as 30s, 5m, 2h or 7d");
                                                }));
    }

    @Test
    void aKeysDefaultIsReadAsItsType() {
        assertThat(JobOptions.IDENTITY_GRACE.defaultValue()).isEqualTo(Duration.ofMinutes(10));
        assertThat(JobOptions.MAX_RULES_PER_ORG.defaultValue()).isEqualTo(500);
        assertThat(KinesisOptions.KINESIS_REGION.defaultValue()).isNull();
        assertThatThrownBy(() -> CoachConfig.of(Map.of()).require(KinesisOptions.KINESIS_REGION))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Kinesis.region is required");
    }
}
