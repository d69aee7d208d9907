package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 28, finding 3, inside the job, written as the attacker: globex's only inputs are its rule
 * and its events, 24 detections whose webhook answers every request with {@code 429 Retry-After:
 * 60} (a scripted server, as in NotifierTest; it stands in for globex's own destination, which the
 * SSRF guard would not let reach loopback). The notify stage has 4 slots per task, so before fair
 * shares a dozen of globex's retrying notifications held every slot and acme's coaching waited for
 * their retries. Now acme gets the same detections and deliveries as in a run without globex, each
 * within {@link #TOLERANCE_MS} of its time in that run, and globex's notifications end with a
 * status that says why: parked (the 429's Retry-After), then failed after the attempts left.
 */
class ThrottlingDestinationJobTest {
    /** Delivery time of a victim's notification may exceed the baseline run's by at most this. */
    private static final long TOLERANCE_MS = 2_000;

    private static final int ATTACKER_DETECTIONS = 24;
    private static final int VICTIM_DETECTIONS = 10;

    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path out;

    @Test
    void aThrottlingWebhookOfOneOrgDoesNotDelayAnotherOrgsCoaching() throws Exception {
        Run baseline = run(out.resolve("baseline"), false);
        Run attacked = run(out.resolve("attacked"), true);

        assertThat(baseline.victimDeliveries).hasSize(VICTIM_DETECTIONS);
        assertThat(attacked.victimDetections).isEqualTo(baseline.victimDetections);
        assertThat(attacked.victimDeliveries).isEqualTo(baseline.victimDeliveries);
        assertThat(attacked.victimLatestMs)
                .as(
                        "acme's slowest delivery, from detection (baseline %d ms)",
                        baseline.victimLatestMs)
                .isLessThanOrEqualTo(baseline.victimLatestMs + TOLERANCE_MS);
        assertThat(attacked.throttled.get()).as("globex's webhook was called").isPositive();
        assertThat(attacked.attackerStatuses)
                .as("every globex notification parked (the 429's Retry-After), none lost")
                .filteredOn(s -> s.startsWith("parked "))
                .hasSize(ATTACKER_DETECTIONS);
        assertThat(attacked.attackerStatuses)
                .filteredOn(s -> s.startsWith("failed "))
                .hasSize(ATTACKER_DETECTIONS)
                .allMatch(s -> s.startsWith("failed retries_exhausted:"));
        assertThat(attacked.attackerStatuses)
                .filteredOn(s -> s.startsWith("parked "))
                .allMatch(
                        s ->
                                s.equals("parked parked:http_429")
                                        || s.equals("parked parked:circuit_open")
                                        || s.startsWith("parked parked:org_share")
                                        || s.startsWith("parked parked:destination_share"));
    }

    private Run run(Path dir, boolean withAttacker) throws Exception {
        Path events = dir.resolve("events");
        Path users = dir.resolve("users");
        Files.createDirectories(users);
        List<String> directory = new ArrayList<>();
        List<ControlMessage> control = new ArrayList<>();
        write(events, "acme", VICTIM_DETECTIONS, directory, control, "teams");
        if (withAttacker) {
            write(events, "globex", ATTACKER_DETECTIONS, directory, control, "webhook");
        }
        Files.write(users.resolve("directory.jsonl"), directory);
        control.add(ControlMessage.snapshotEnd("test"));
        AtomicInteger throttled = new AtomicInteger();
        HttpServer throttling = throttlingServer(throttled);
        try {
            return execute(dir, events, users, control, throttling, throttled);
        } finally {
            throttling.stop(0);
        }
    }

    /** Answers every request {@code 429 Retry-After: 60}. */
    private static HttpServer throttlingServer(AtomicInteger calls) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext(
                "/",
                exchange -> {
                    calls.incrementAndGet();
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Retry-After", "60");
                    exchange.sendResponseHeaders(429, -1);
                    exchange.close();
                });
        server.start();
        return server;
    }

    private static void write(
            Path events,
            String org,
            int count,
            List<String> directory,
            List<ControlMessage> control,
            String channel)
            throws Exception {
        Files.createDirectories(events.resolve(org + "/web-feed"));
        List<String> lines = new ArrayList<>();
        long t = 1_795_168_800_000L;
        for (int i = 0; i < count; i++) {
            String user = "u" + i;
            directory.add(
                    "{\"org_id\": \""
                            + org
                            + "\", \"user_id\": \""
                            + org
                            + "-"
                            + i
                            + "\", \"email\": \""
                            + user
                            + "@"
                            + org
                            + ".example\", \"first_name\": \"U\", \"version\": 1}");
            lines.add(
                    "{\"ts\": "
                            + (t + i * 1000L)
                            + ", \"user\": \""
                            + user
                            + "@"
                            + org
                            + ".example\", \"url\": \"https://bet.example/"
                            + i
                            + "\", \"cat\": \"Gambling\"}");
        }
        Files.write(events.resolve(org + "/web-feed/feed.jsonl"), lines);
        control.add(ControlMessage.parserUpsert(org, parser(org), org + ".yaml"));
        control.add(ControlMessage.upsert(org, rule(org, channel), org));
    }

    private static Run execute(
            Path dir,
            Path events,
            Path users,
            List<ControlMessage> control,
            HttpServer throttling,
            AtomicInteger throttled)
            throws Exception {
        Path audit = dir.resolve("audit");
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env = JobEnvironment.create(conf);
            JobSettings settings = new JobSettings();
            settings.notifier = notifier(receiver, throttling);
            CoachJob.build(
                    env,
                    new FileJobSources(
                            List.of(events.toUri().toString()),
                            users.toUri().toString(),
                            control,
                            null),
                    AuditSinks.auditOnly(audit.toUri().toString()),
                    settings);
            env.execute("throttling-destination");
            return new Run(audit, throttled);
        }
    }

    /**
     * Few slots, so a dozen held notifications would fill them; waits short enough for the test to
     * end (Retry-After capped at 3 s, which is still longer than a slot may be held).
     */
    private static NotifierSettings notifier(LocalReceiver receiver, HttpServer throttling) {
        NotifierSettings n = NotifierSettings.allChannelsTo(receiver.baseUrl());
        String hook = "http://127.0.0.1:" + throttling.getAddress().getPort();
        n.endpoints.put("webhook", hook + "/hook");
        n.allowedOrigins.add(hook);
        n.signingSecretRef = null;
        n.capacity = 4;
        n.maxAttempts = 3;
        n.maxBackoffMillis = 3_000;
        n.circuitOpenMillis = 3_000;
        n.maxHoldMillis = 1_000;
        return n;
    }

    private static String parser(String org) {
        return "parser: web-feed\norg: "
                + org
                + "\nversion: 1\nclass: web\nrecognize: [ts, user, url]\nfields:\n"
                + "  event_time: {path: ts, format: epoch_millis}\n"
                + "  actor: {path: user}\n  url: {path: url}\n  url_category: {path: cat}\n";
    }

    private static String rule(String org, String channel) {
        return "id: gambling\norg: "
                + org
                + "\nversion: 1\nwhen: 'event.url_category == \"Gambling\"'\n"
                + "coach: {module: acceptable-use-101, channels: ["
                + channel
                + "]}\n";
    }

    /** What one run produced for the victim (acme) and the attacker (globex). */
    private static final class Run {
        final List<String> victimDetections;
        final List<String> victimDeliveries;
        final long victimLatestMs;
        final List<String> attackerStatuses;
        final AtomicInteger throttled;

        Run(Path audit, AtomicInteger throttled) {
            this.throttled = throttled;
            victimDetections =
                    AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                            .filter(d -> d.get("org_id").asText().equals("acme"))
                            .map(d -> d.get("detection_id").asText())
                            .sorted()
                            .collect(Collectors.toList());
            List<JsonNode> deliveries = AuditTrail.read(audit, AuditStage.DELIVERIES);
            // Final outcomes: a burst over the org's own share is parked briefly in either run.
            List<JsonNode> victim =
                    deliveries.stream()
                            .filter(d -> d.get("org_id").asText().equals("acme"))
                            .filter(d -> !d.get("status").asText().equals("parked"))
                            .collect(Collectors.toList());
            victimDeliveries =
                    victim.stream()
                            .map(
                                    d ->
                                            d.get("notification_id").asText()
                                                    + " "
                                                    + d.get("status").asText())
                            .sorted()
                            .collect(Collectors.toList());
            victimLatestMs =
                    victim.stream()
                            .mapToLong(d -> d.path("since_detection_ms").asLong())
                            .max()
                            .orElse(0);
            attackerStatuses =
                    deliveries.stream()
                            .filter(d -> d.get("org_id").asText().equals("globex"))
                            .map(d -> d.get("status").asText() + " " + d.path("reason").asText())
                            .collect(Collectors.toList());
        }
    }
}
