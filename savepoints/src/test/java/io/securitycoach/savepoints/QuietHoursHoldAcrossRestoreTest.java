package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.DeliveryStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coaching messages held for an org's quiet hours (the planner's {@code held-for-quiet-hours} list
 * and its timer) carry over a savepoint of today's state layout: part one of the upgrade scenario
 * runs during acme's quiet hours, so ben's gambling detection is held, not sent; the job stops with
 * a savepoint (inspect counts the hold); the quiet hours end; the restored job sends the message.
 * The checked-in layout-1 fixtures were written without quiet hours, so this runs part one itself.
 */
class QuietHoursHoldAcrossRestoreTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /**
     * Part one must detect and be stopped within the quiet hours; it takes a few seconds on a quiet
     * machine. A busy one gets a second, longer try rather than a failure.
     */
    static final List<Duration> QUIET_FOR = List.of(Duration.ofSeconds(15), Duration.ofSeconds(60));

    @TempDir Path work;

    @Test
    void aMessageHeldForQuietHoursIsSentByTheRestoredJobWhenTheyEnd() throws Exception {
        PartOne partOne = partOneInQuietHours();
        QuietHoursEnding quiet = partOne.quiet;
        String savepoint = partOne.savepoint;
        Set<String> held = partOne.held;
        assertThat(held).as("ben's 09:02 gambling visit").hasSize(1);
        assertThat(deliveries(partOne.audit)).as("nothing is sent in quiet hours").isEmpty();
        JsonNode acme = SavepointInspector.inspect(savepoint, "hashmap").path("orgs").path("acme");
        assertThat(acme.path("quiet_hours_holds").asLong())
                .as(
                        "the hold is in the savepoint (part one must detect before %s): %s",
                        quiet.end, acme)
                .isEqualTo(1);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), quiet.end).toMillis() + 1000));
        Path partTwoAudit = work.resolve("part-two-audit");
        DevSecrets secrets =
                DevSecrets.create(work.resolve("secrets")); // the channels' tokens, by reference
        try (LocalReceiver receiver =
                LocalReceiver.builder().signingSecret(secrets.signingSecretValue).start()) {
            JobSettings settings = UpgradeScenario.settings(receiver.baseUrl());
            settings.notifier = secrets.applyTo(settings.notifier);
            StreamExecutionEnvironment env = UpgradeScenario.environment("hashmap", savepoint);
            UpgradeScenario.buildPartTwo(env, settings, partTwoAudit);
            env.execute("part two after quiet hours");
        }
        List<JsonNode> sent =
                deliveries(partTwoAudit).stream()
                        .filter(d -> held.contains(d.path("detection_id").asText()))
                        .collect(Collectors.toList());
        assertThat(sent)
                .as("the held message, sent once by the restored job")
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d.path("status").asText())
                                        .as("%s", d)
                                        .isEqualTo(DeliveryStatus.DELIVERED));
    }

    /**
     * Part one stopped with a savepoint before its quiet hours end: a short window first, a longer
     * one if missed.
     */
    private PartOne partOneInQuietHours() throws Exception {
        for (int attempt = 0; ; attempt++) {
            PartOne run =
                    new PartOne(
                            new QuietHoursEnding(Instant.now().plus(QUIET_FOR.get(attempt))),
                            work.resolve("part-one-audit-" + attempt));
            run.savepoint = runPartOneAndStopWithSavepoint(run.quiet, run.audit, attempt);
            boolean stoppedInQuietHours = Instant.now().isBefore(run.quiet.end);
            if (stoppedInQuietHours || attempt == QUIET_FOR.size() - 1) {
                run.held = UpgradeScenario.detectionIds(run.audit);
                return run;
            }
        }
    }

    /** One run of part one: its quiet hours, audit trail, savepoint and the detections it held. */
    static final class PartOne {
        final QuietHoursEnding quiet;
        final Path audit;
        String savepoint;
        Set<String> held;

        PartOne(QuietHoursEnding quiet, Path audit) {
            this.quiet = quiet;
            this.audit = audit;
        }
    }

    private String runPartOneAndStopWithSavepoint(QuietHoursEnding quiet, Path audit, int attempt)
            throws Exception {
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            StreamExecutionEnvironment env = UpgradeScenario.environment("hashmap", null);
            UpgradeScenario.buildPartOne(
                    env, receiver.baseUrl(), audit, List.of(quiet.settings("acme")));
            JobClient job = env.executeAsync("upgrade part one in quiet hours");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (UpgradeScenario.detectionIds(audit).isEmpty()
                    || AuditTrail.read(audit, AuditStage.EVENTS).size()
                            < UpgradeScenario.PART_ONE_RESOLVED_EVENTS) {
                assertThat(System.nanoTime()).as("part one processed in time").isLessThan(deadline);
                Thread.sleep(200);
            }
            // The savepoint's barrier comes after the detection: the planner has held it by then.
            return job.stopWithSavepoint(
                            false,
                            UpgradeScenario.uri(work.resolve("savepoints-" + attempt)),
                            SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
        }
    }

    private static List<JsonNode> deliveries(Path audit) {
        return AuditTrail.read(audit, AuditStage.DELIVERIES);
    }

    /**
     * Quiet hours as an org writes them (HH:mm in its time zone) that end at {@code end}, to the
     * second: the zone is a fixed offset of a few seconds that puts a minute boundary at {@code
     * end}, so the test waits seconds rather than for the next minute.
     */
    static final class QuietHoursEnding {
        final Instant end;
        final ZoneOffset zone;
        final String endsAt;
        final String startsAt;

        QuietHoursEnding(Instant roughly) {
            end = roughly.truncatedTo(ChronoUnit.SECONDS);
            Instant nextMinute = end.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
            zone = ZoneOffset.ofTotalSeconds((int) Duration.between(end, nextMinute).getSeconds());
            DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
            endsAt = hhmm.format(end);
            startsAt = hhmm.format(end.minus(Duration.ofHours(1)));
        }

        ControlMessage settings(String org) {
            String json =
                    "{\"quiet_hours\": {\"start\": \""
                            + startsAt
                            + "\", \"end\": \""
                            + endsAt
                            + "\", \"time_zone\": \""
                            + zone.getId()
                            + "\", \"mode\": \"hold\"}}";
            // version 2: the scenario's snapshot already holds acme's version 1 (its branding)
            return ControlMessage.orgSettings(org, 2, json, "quiet-hours-test");
        }
    }
}
