package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.rules.Detection;
import io.securitycoach.util.Keys;
import io.securitycoach.util.Tags;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class NotificationPlannerTest {
    private static Detection detection(String id, String mode, String userId, String... channels) {
        return detectionOf("acme", id, mode, userId, channels);
    }

    private static Detection detectionOf(
            String org, String id, String mode, String userId, String... channels) {
        Detection d = new Detection();
        d.detectionId = id;
        d.identityKey = userId == null ? "ghost@" + org + ".com" : userId + "@" + org + ".com";
        d.orgId = org;
        d.ruleId = "gambling";
        d.mode = mode;
        d.userId = userId;
        d.userEmail = userId == null ? null : userId + "@" + org + ".com";
        d.firstName = "Alice";
        d.summary = "You opened bet.example (Gambling).";
        d.coachModule = "aup";
        d.channels = channels;
        d.messageTemplate = "Hi {first_name}. {summary} See {module_url}";
        return d;
    }

    /** A planner whose control stream's initial snapshot has ended (no settings in it). */
    private static KeyedBroadcastOperatorTestHarness<
                    String, Detection, ControlMessage, Notification>
            harness(NotifierSettings settings) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                fresh(settings);
        h.processBroadcastElement(ControlMessage.snapshotEnd("initial"), 0);
        return h;
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, Detection, ControlMessage, Notification>
            fresh(NotifierSettings settings) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new NotificationPlanner(settings),
                Keys::user,
                Types.STRING,
                NotificationPlanner.ORG_SETTINGS);
    }

    /**
     * The detect stage releases detections once it has seen the snapshot's end, which this stage
     * may see later on its own input: a detection waits for it, and is planned with the snapshot's
     * settings.
     */
    @Test
    void onAFreshStartDetectionsWaitForTheInitialSnapshotsSettings() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                fresh(settings)) {
            h.setProcessingTime(1000);
            h.processElement(detection("d1", "live", "alice", "slack"), 0);
            assertThat(h.extractOutputValues()).as("waits for the snapshot").isEmpty();
            orgSettings(
                    h,
                    "acme",
                    1,
                    "{\"destinations\": {\"slack\": \"env:COACH_ORG_ACME__SLACK_TOKEN\"}}");
            h.processBroadcastElement(ControlMessage.snapshotEnd("initial"), 0);
            assertThat(h.extractOutputValues())
                    .extracting(n -> n.notificationId + "@" + n.destinationRef)
                    .containsExactly("d1:slack@env:COACH_ORG_ACME__SLACK_TOKEN");
        }
    }

    private static void orgSettings(
            KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h,
            String org,
            long version,
            String json)
            throws Exception {
        h.processBroadcastElement(ControlMessage.orgSettings(org, version, json, "api"), 0);
    }

    @Test
    void oneNotificationPerChannelAndASkippedStatusForTheRest() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        settings.endpoints.remove("teams");
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                harness(settings)) {
            h.processElement(detection("d1", "live", "alice", "slack", "webhook"), 0);
            h.processElement(detection("d2", "staged", "alice", "slack"), 0);
            h.processElement(detection("d3", "live", null, "slack"), 0);
            h.processElement(detection("d4", "live", "alice", "teams"), 0);

            List<Notification> out = h.extractOutputValues();
            assertThat(out)
                    .extracting(n -> n.notificationId)
                    .containsExactly("d1:slack", "d1:webhook");
            assertThat(out.get(0).text)
                    .as("the vendor's host name is defanged, the module link is ours")
                    .isEqualTo(
                            "Hi Alice. You opened bet[.]example (Gambling). "
                                    + "See https://learn.example.com/modules/aup");
            List<String> skipped =
                    h.getSideOutput(Tags.SKIPPED_DELIVERIES).stream()
                            .map(r -> r.getValue())
                            .map(s -> s.notificationId + ":" + s.status + ":" + s.reason)
                            .collect(Collectors.toList());
            assertThat(skipped)
                    .containsExactly(
                            "d2:slack:skipped:staged_rule",
                            "d3:slack:skipped:user_not_in_directory",
                            "d4:teams:skipped:channel_not_configured");
        }
    }

    @Test
    void aUserGetsAtMostTheDailyCapAndTheOrgsDestinationIsAttached() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        settings.dailyCapPerUser = 2;
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                harness(settings)) {
            orgSettings(
                    h,
                    "acme",
                    1,
                    "{\"destinations\": {\"teams\": \"env:COACH_ORG_ACME__TEAMS_URL\", "
                            + "\"slack\": \"env:COACH_ORG_ACME__SLACK_TOKEN\"}}");
            h.setProcessingTime(10 * 86_400_000L + 1000);
            for (int i = 1; i <= 3; i++) {
                h.processElement(detection("d" + i, "live", "alice", "slack"), 0);
            }
            h.processElement(detectionOf("globex", "b1", "live", "bob", "slack"), 0);
            h.setProcessingTime(11 * 86_400_000L + 1000);
            h.processElement(detection("d4", "live", "alice", "slack"), 0);
            assertThat(h.extractOutputValues())
                    .extracting(n -> n.notificationId + "@" + n.destinationRef)
                    .containsExactly(
                            "d1:slack@env:COACH_ORG_ACME__SLACK_TOKEN",
                            "d2:slack@env:COACH_ORG_ACME__SLACK_TOKEN",
                            "b1:slack@null",
                            "d4:slack@env:COACH_ORG_ACME__SLACK_TOKEN");
            assertThat(h.getSideOutput(Tags.SKIPPED_DELIVERIES))
                    .singleElement()
                    .satisfies(
                            r ->
                                    assertThat(
                                                    r.getValue().notificationId
                                                            + ":"
                                                            + r.getValue().reason)
                                            .isEqualTo("d3:slack:daily_cap"));
        }
    }

    @Test
    void quietHoursHoldMessagesUntilMorningOrDropThem() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                harness(settings)) {
            String quiet =
                    "{\"quiet_hours\": {\"start\": \"22:00\", \"end\": \"07:00\", \"time_zone\":"
                            + " \"Europe/Berlin\", \"mode\": \"%s\"}}";
            orgSettings(h, "acme", 1, String.format(quiet, "hold"));
            orgSettings(h, "globex", 1, String.format(quiet, "drop"));
            long evening = Instant.parse("2026-11-20T21:30:00Z").toEpochMilli(); // 22:30 in Berlin
            h.setProcessingTime(evening);
            h.processElement(detection("d1", "live", "alice", "slack"), 0);
            h.processElement(detectionOf("globex", "d2", "live", "bob", "slack"), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(Tags.SKIPPED_DELIVERIES))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getValue().reason).isEqualTo("quiet_hours"));
            h.setProcessingTime(
                    Instant.parse("2026-11-21T05:59:00Z").toEpochMilli()); // 06:59 Berlin
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(
                    Instant.parse("2026-11-21T06:00:00Z").toEpochMilli()); // 07:00 Berlin
            assertThat(h.extractOutputValues())
                    .extracting(n -> n.notificationId)
                    .containsExactly("d1:slack");
            assertThat(
                            ((HeapKeyedStateBackend<?>)
                                            ((AbstractStreamOperator<?>) h.getOperator())
                                                    .getKeyedStateBackend())
                                    .numKeyValueStateEntries())
                    .as("only the daily count is left")
                    .isEqualTo(1);
        }
    }

    /**
     * Quiet hours that ended while the job was down: the held message goes when the restored task
     * has its settings, not at a later timer a bounded run could end before.
     */
    @Test
    void aMessageHeldForQuietHoursThatEndedDuringADowntimeGoesWhenTheSettingsAreBack()
            throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        OperatorSubtaskState snapshot;
        long evening = Instant.parse("2026-11-20T21:30:00Z").toEpochMilli(); // 22:30 in Berlin
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                harness(settings)) {
            orgSettings(
                    h,
                    "acme",
                    1,
                    "{\"quiet_hours\": {\"start\": \"22:00\", \"end\": \"07:00\", \"time_zone\":"
                            + " \"Europe/Berlin\", \"mode\": \"hold\"}}");
            h.setProcessingTime(evening);
            h.processElement(detection("d1", "live", "alice", "slack"), 0);
            assertThat(h.extractOutputValues()).as("held").isEmpty();
            snapshot = h.snapshot(1, evening);
        }
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                restored(settings, snapshot)) {
            h.setProcessingTime(Instant.parse("2026-11-21T06:30:00Z").toEpochMilli()); // 07:30
            assertThat(h.extractOutputValues()).as("the timer waits for the settings").isEmpty();
            h.processBroadcastElement(ControlMessage.settingsHandoverEnd(), 0);
            assertThat(h.extractOutputValues())
                    .extracting(n -> n.notificationId)
                    .containsExactly("d1:slack");
        }
    }

    @Test
    void vendorTextIsDefangedUnlessTheOrgAllowsItsDomainAndCarriesTheOrgsSigningReference()
            throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                harness(settings)) {
            orgSettings(
                    h,
                    "acme",
                    1,
                    "{\"destinations\": {\"webhook\":"
                        + " \"aws-secrets-manager:coach/acme/webhook-url\"}, \"signing_secret\":"
                        + " \"aws-secrets-manager:coach/acme/webhook-signing\", \"link_domains\":"
                        + " [\"acme.com\"]}");
            for (String org : new String[] {"acme", "globex"}) {
                Detection d = detectionOf(org, "d-" + org, "live", "alice", "slack");
                d.summary =
                        "*URGENT* sign in again at https://evil.example/login or at"
                                + " https://learn.acme.com/x";
                d.messageTemplate = "{summary}";
                h.processElement(d, 0);
            }

            Notification acme = h.extractOutputValues().get(0);
            assertThat(acme.text)
                    .isEqualTo(
                            "*URGENT* sign in again at hxxps://evil[.]example/login"
                                    + " or at https://learn.acme.com/x");
            assertThat(acme.summary).isEqualTo(acme.text);
            assertThat(acme.signingSecretRef)
                    .isEqualTo("aws-secrets-manager:coach/acme/webhook-signing");
            Notification globex = h.extractOutputValues().get(1);
            assertThat(globex.signingSecretRef).as("only acme's settings name it").isNull();
            assertThat(globex.text).contains("hxxps://learn[.]acme[.]com/x");
        }
    }

    @Test
    void orgSettingsAreValidatedVersionedAndAnsweredOnce() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                harness(NotifierSettings.allChannelsTo("http://127.0.0.1:9"))) {
            orgSettings(
                    h,
                    "acme",
                    1,
                    "{\"channels\": [\"slack\"], \"destinations\": "
                            + "{\"slack\": \"env:COACH_ORG_ACME__SLACK_TOKEN\"}, "
                            + "\"quiet_hours\": {\"start\": \"22:00\", \"end\": \"07:00\", "
                            + "\"time_zone\": \"Europe/Berlin\"}}");
            orgSettings(
                    h,
                    "acme",
                    2,
                    "{\"destinations\": {\"slack\": \"https://hooks.example/T0/secret\"}, "
                            + "\"quiet_hours\": {\"start\": \"25:00\", \"end\": \"07:00\"}}");
            orgSettings(h, "acme", 1, "{}");
            orgSettings(
                    h,
                    "acme",
                    3,
                    "{\"destinations\": {\"slack\": \"env:COACH_SLACK_BOT_TOKEN\", \"teams\":"
                            + " \"env:COACH_ORG_GLOBEX_TEAMS_URL\", \"webhook\":"
                            + " \"file:orgs/acme/../globex/url\"}}");
            List<ControlStatus> s =
                    h.getSideOutput(Tags.RULE_STATUS).stream()
                            .map(r -> r.getValue())
                            .collect(Collectors.toList());
            assertThat(s)
                    .extracting(x -> x.status)
                    .containsExactly("accepted", "rejected", "stale", "rejected");
            assertThat(s)
                    .allSatisfy(x -> assertThat(x.kind).isEqualTo(ControlStatus.Kind.SETTINGS))
                    .allSatisfy(x -> assertThat(x.subjectId).isNull());
            assertThat(s.get(3).errors)
                    .as("an org may name only its own secrets")
                    .hasSize(3)
                    .allMatch(e -> e.contains("may only name its own secrets"));
            assertThat(s.get(1).errors)
                    .anyMatch(e -> e.startsWith("destinations.slack: expected a secret reference"))
                    .anyMatch(e -> e.startsWith("quiet_hours"));
            assertThat(s.get(1).activeVersion).isEqualTo(1);
        }
    }

    /**
     * After a restore, detections wait until the detect stage has handed over the org settings it
     * held (state layouts before 3), so none goes out without the org's destination or branding.
     */
    @Test
    void afterARestoreDetectionsWaitForTheSettingsHandover() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        OperatorSubtaskState snapshot;
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                harness(settings)) {
            snapshot = h.snapshot(1, 0);
        }
        try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                restored(settings, snapshot)) {
            h.setProcessingTime(1000);
            h.processElement(detection("d1", "live", "alice", "slack"), 0);
            h.setProcessingTime(2000);
            assertThat(h.extractOutputValues()).as("waits for the handover").isEmpty();
            h.processBroadcastElement(
                    ControlMessage.settingsHandover(
                            "acme",
                            4,
                            "{\"org_id\": \"acme\", \"version\": 4, \"destination_channels\":"
                                    + " [\"slack\"], \"destination_refs\":"
                                    + " [\"env:COACH_ORG_ACME__SLACK_TOKEN\"]}"),
                    0);
            h.processBroadcastElement(ControlMessage.settingsHandoverEnd(), 0);
            assertThat(h.extractOutputValues())
                    .as("released by the end of the hand-over")
                    .extracting(n -> n.notificationId + "@" + n.destinationRef)
                    .containsExactly("d1:slack@env:COACH_ORG_ACME__SLACK_TOKEN");
            assertThat(h.getSideOutput(Tags.RULE_STATUS))
                    .as("settings accepted long ago are not answered again")
                    .isNullOrEmpty();
        }
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, Detection, ControlMessage, Notification>
            restored(NotifierSettings settings, OperatorSubtaskState snapshot) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new NotificationPlanner(settings),
                                List.of(NotificationPlanner.ORG_SETTINGS)),
                        Keys::user,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setup();
        h.initializeState(snapshot);
        h.open();
        return h;
    }

    @Test
    void failedDeliveriesBecomeDeadLettersAndStillReachTheAudit() throws Exception {
        try (OneInputStreamOperatorTestHarness<DeliveryStatus, DeliveryStatus> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new FailedDeliveries())) {
            DeliveryStatus ok = new DeliveryStatus();
            ok.notificationId = "d1:slack";
            ok.status = DeliveryStatus.DELIVERED;
            DeliveryStatus bad = new DeliveryStatus();
            bad.notificationId = "d2:slack";
            bad.status = DeliveryStatus.FAILED;
            bad.reason = "retries_exhausted:http_503";
            bad.attempts = 6;
            bad.httpStatus = 503;
            h.processElement(ok, 0);
            h.processElement(bad, 0);
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.getSideOutput(Tags.DEAD_LETTERS))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getValue().reason).isEqualTo("delivery_failed");
                                assertThat(r.getValue().message)
                                        .contains("retries_exhausted:http_503")
                                        .contains("6 attempt");
                                assertThat(r.getValue().origin).isEqualTo("d2:slack");
                            });
        }
    }
}
