package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.config.CoachConfig;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.ConfiguredSettings;
import io.securitycoach.jobs.wiring.ConfiguredSinks;
import io.securitycoach.jobs.wiring.ConfiguredSources;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.KinesisApi;
import io.securitycoach.local.LocalServers;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.schema.Json;
import io.securitycoach.testing.Await;
import io.securitycoach.testing.FlinkMiniCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One shared Kinesis stream carrying three orgs' Okta and Zscaler records in envelopes (Okta's as
 * EventBridge delivers them, Zscaler's as pushed batches) against one stream per org and vendor, on
 * kinesalite: the same events and the same detections, both equal to a file run of the same
 * records. Envelopes that cannot be trusted are dead letters with their reason; a record naming
 * another org inside an envelope stays the envelope's org's.
 */
class SharedStreamTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    static final List<String> ORGS = List.of("acme", "globex", "initech");
    static final List<String> VENDORS = List.of("okta", "zscaler");

    /** The dead letters {@link #hostileEnvelopes()} make, by reason. */
    static final Map<String, Long> HOSTILE_REASONS =
            new TreeMap<>(
                    Map.of(
                            Reasons.INVALID_ENVELOPE, 3L,
                            Reasons.ORG_NOT_ALLOWED, 1L,
                            Reasons.UNKNOWN_VENDOR, 1L));

    @TempDir static Path out;

    static LocalServers servers;
    static KinesisApi kinesis;
    static String kinesisUrl;
    static Path samples;

    @BeforeAll
    static void startKinesis() throws Exception {
        Path home = Paths.get(System.getProperty("coach.home", "..")).toAbsolutePath().normalize();
        samples = home.resolve("samples");
        servers = new LocalServers();
        kinesisUrl =
                servers.startKinesis(home, LocalServers.freePort(), out.resolve("kinesalite.log"));
        kinesis = new KinesisApi(kinesisUrl);
    }

    @AfterAll
    static void stopKinesis() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void aSharedStreamGivesTheDetectionsOfPerOrgStreams() throws Exception {
        Map<String, List<String>> feeds = feeds(); // "org/vendor" -> records
        Path users = writeDirectory();
        Path rules = writeRules();
        Set<String> expected = fileRunDetections(feeds, users, rules);
        assertThat(expected).as("every org has detections").hasSizeGreaterThan(ORGS.size());
        assertThat(expected.stream().map(d -> d.split("/")[0]).distinct()).hasSize(3);

        Map<String, String> perOrgTags = new LinkedHashMap<>();
        for (String feed : feeds.keySet()) {
            String stream = feed.replace('/', '-');
            kinesis.createStream(stream, 1);
            put(stream, feeds.get(feed));
            perOrgTags.put(stream, feed);
        }
        kinesis.createStream("shared", 2);
        List<String> envelopes = envelopes(feeds);
        put("shared", envelopes);
        put("shared", hostileEnvelopes());

        String perOrgAudit = out.resolve("per-org-audit").toUri().toString();
        String sharedAudit = out.resolve("shared-audit").toUri().toString();
        String tags =
                perOrgTags.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(","));
        JobClient perOrg = start(config(perOrgAudit, "kinesis.streams", tags, users, rules));
        JobClient shared =
                start(config(sharedAudit, "shared.kinesis.streams", "shared", users, rules));
        int records = feeds.values().stream().mapToInt(List::size).sum();
        try {
            Await.until(
                    "both runs read every record and detected what the file run did",
                    Duration.ofSeconds(150),
                    Duration.ofMillis(500),
                    () ->
                            raw(perOrgAudit).size() >= records
                                    && raw(sharedAudit).size()
                                            >= records + hostileEnvelopes().size()
                                    && detections(perOrgAudit).equals(expected)
                                    && detections(sharedAudit).equals(expected)
                                    && hostileDeadLetters(sharedAudit, perOrgAudit)
                                            .equals(HOSTILE_REASONS),
                    () ->
                            "per-org "
                                    + detections(perOrgAudit).size()
                                    + ", shared "
                                    + detections(sharedAudit).size()
                                    + " of "
                                    + expected.size()
                                    + " detections; raw "
                                    + raw(perOrgAudit).size()
                                    + " and "
                                    + raw(sharedAudit).size()
                                    + " of "
                                    + records
                                    + "; dead letters "
                                    + hostileDeadLetters(sharedAudit, perOrgAudit));
        } finally {
            perOrg.cancel().get(30, TimeUnit.SECONDS);
            shared.cancel().get(30, TimeUnit.SECONDS);
        }
        assertThat(eventUids(sharedAudit))
                .as("the same events, with the same uids, as the per-org streams")
                .isEqualTo(eventUids(perOrgAudit));
        // (detection ids are not compared: a threshold's triggering events depend on the order
        // records of different streams and shards arrive in, which no two runs share)
        assertThat(hostileDeadLetters(sharedAudit, perOrgAudit))
                .as("the sample records' dead letters, plus one per hostile envelope")
                .isEqualTo(HOSTILE_REASONS);
        assertThat(
                        deadLetters(sharedAudit).stream()
                                .filter(
                                        d ->
                                                d.path("reason")
                                                        .asText()
                                                        .equals(Reasons.ORG_NOT_ALLOWED))
                                .map(d -> d.hasNonNull("org_id")))
                .as("a refused envelope is attributed to no org")
                .containsOnly(false);
        assertThat(
                        raw(sharedAudit).stream()
                                .filter(
                                        r ->
                                                r.path("payload").asText().contains("smuggled")
                                                        && r.path("vendor").asText().equals("okta"))
                                .map(r -> r.path("org_id").asText()))
                .as("a record naming globex inside acme's envelope is acme's")
                .containsExactly("acme");
    }

    @Test
    void aSharedPrefixGivesTheDetectionsOfDropFolders() throws Exception {
        Map<String, List<String>> feeds = feeds();
        Path users = writeDirectory();
        Path rules = writeRules();
        Set<String> expected = fileRunDetections(feeds, users, rules);
        // as the Netskope landing function writes them: a line each, gzip, in dated folders whose
        // names (an org's, a vendor's) say nothing
        Path shared = out.resolve("shared-prefix");
        for (Map.Entry<String, List<String>> feed : feeds.entrySet()) {
            String org = feed.getKey().split("/")[0];
            String vendor = feed.getKey().split("/")[1];
            List<String> envelopes = new ArrayList<>();
            feed.getValue().forEach(line -> envelopes.add(envelope(org, vendor, Json.write(line))));
            gzip(
                    shared.resolve("globex/okta/2026/12/07/" + org + "-" + vendor + ".jsonl.gz"),
                    envelopes);
        }
        gzip(shared.resolve("hostile.jsonl.gz"), hostileEnvelopes());
        String audit = out.resolve("shared-prefix-audit").toUri().toString();
        Map<String, Map<String, String>> g = new HashMap<>();
        g.put("Job", Map.of("bounded", "true", "state.backend", "hashmap"));
        g.put(
                "Events",
                Map.of(
                        "shared.paths",
                        shared.toUri().toString(),
                        "shared.allowed-orgs",
                        String.join(",", ORGS)));
        g.put("Directory", Map.of("path", users.toString()));
        g.put("Rules", Map.of("path", rules.toString()));
        g.put("Audit", Map.of("path", audit));
        g.put("Notify", Map.of("enabled", "false"));
        CoachConfig config = CoachConfig.of(g);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        CoachJob.flinkConfiguration(config));
        env.setParallelism(2);
        CoachJob.build(
                env,
                new ConfiguredSources(config),
                new ConfiguredSinks(config),
                ConfiguredSettings.from(config));
        env.execute("shared-prefix");

        assertThat(detections(audit)).isEqualTo(expected);
        assertThat(hostileDeadLetters(audit, out.resolve("file-audit").toUri().toString()))
                .isEqualTo(HOSTILE_REASONS);
    }

    private static void gzip(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Set<String> fileRunDetections;

    /** The file run's detections, run once for the class. */
    private static Set<String> fileRunDetections(
            Map<String, List<String>> feeds, Path users, Path rules) throws Exception {
        if (fileRunDetections == null) {
            fileRunDetections = fileRun(feeds, users, rules);
        }
        return fileRunDetections;
    }

    /** Okta and Zscaler samples of acme and globex, and initech's: acme's under its own name. */
    private static Map<String, List<String>> feeds() throws IOException {
        Map<String, List<String>> feeds = new LinkedHashMap<>();
        for (String org : ORGS) {
            for (String vendor : VENDORS) {
                String from = org.equals("initech") ? "acme" : org;
                List<String> lines = new ArrayList<>();
                try (var files = Files.list(samples.resolve("events/" + from + "/" + vendor))) {
                    for (Path f : files.sorted().collect(Collectors.toList())) {
                        for (String line : Files.readAllLines(f)) {
                            if (!line.isBlank()) {
                                lines.add(line.replace("acme", org));
                            }
                        }
                    }
                }
                feeds.put(org + "/" + vendor, lines);
            }
        }
        return feeds;
    }

    /**
     * Okta records as EventBridge delivers them (the event in {@code detail}), Zscaler records as
     * Cloud NSS pushes them (batches of lines, as a string), each wrapped with its org and vendor.
     */
    private static List<String> envelopes(Map<String, List<String>> feeds) {
        List<String> envelopes = new ArrayList<>();
        feeds.forEach(
                (feed, lines) -> {
                    String org = feed.split("/")[0];
                    String vendor = feed.split("/")[1];
                    if (vendor.equals("okta")) {
                        for (String line : lines) {
                            // EventBridge carries JSON objects only: the samples' broken lines
                            // come as a one-line batch
                            envelopes.add(
                                    envelope(
                                            org,
                                            vendor,
                                            isObject(line)
                                                    ? eventBridge(org, line)
                                                    : Json.write(line)));
                        }
                    } else {
                        for (int i = 0; i < lines.size(); i += 5) {
                            String batch =
                                    String.join(
                                            "\n", lines.subList(i, Math.min(lines.size(), i + 5)));
                            envelopes.add(envelope(org, vendor, Json.write(batch)));
                        }
                    }
                });
        return envelopes;
    }

    private static boolean isObject(String line) {
        try {
            return Json.mapper().readTree(line).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static String eventBridge(String org, String detail) {
        return "{\"version\":\"0\",\"id\":\"7e1f0c2a-0000-4000-8000-00000000000"
                + org.length()
                + "\",\"detail-type\":\"SystemLog\",\"source\":\"aws.partner/okta.com/"
                + org
                + "-example/coach\",\"account\":\"111122223333\",\"time\":\"2026-11-20T08:00:00Z\","
                + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":"
                + detail
                + "}";
    }

    private static String envelope(String org, String vendor, String recordJson) {
        return "{\"org_id\":\""
                + org
                + "\",\"vendor\":\""
                + vendor
                + "\",\"record\":"
                + recordJson
                + "}";
    }

    /** Three unreadable envelopes, an org off the allow-list, an unknown vendor, a smuggled org. */
    private static List<String> hostileEnvelopes() {
        String okta =
                "{\"uuid\":\"smuggled-1\",\"published\":\"2026-11-20T09:00:00.000Z\",\"eventType\":"
                    + "\"user.session.start\",\"org_id\":\"globex\",\"actor\":{\"type\":\"User\","
                    + "\"alternateId\":\"nobody@globex.example\"},\"outcome\":{\"result\":\"SUCCESS\"}}";
        return List.of(
                "{not json",
                "{\"org_id\":\"acme\",\"vendor\":\"okta\"}",
                "{\"org_id\":\"acme\",\"org_id\":\"globex\",\"vendor\":\"okta\",\"record\":{}}",
                envelope("umbrella", "okta", okta),
                envelope("acme", "nosuchvendor", okta),
                envelope("acme", "okta", okta));
    }

    private static Path writeDirectory() throws IOException {
        List<String> users = new ArrayList<>();
        for (String line : Files.readAllLines(samples.resolve("users/directory.jsonl"))) {
            users.add(line);
            if (line.contains("\"acme\"")) {
                users.add(line.replace("acme", "initech"));
            }
        }
        Path dir = Files.createDirectories(out.resolve("users"));
        return Files.write(dir.resolve("directory.jsonl"), users);
    }

    /** The sample rules, one folder per org (its channel), and initech with acme's rules. */
    private static Path writeRules() throws IOException {
        Path dir = Files.createDirectories(out.resolve("rules"));
        copyOrgRules(samples.resolve("rules/acme"), dir.resolve("acme"), "acme", "acme");
        copyOrgRules(samples.resolve("rules/acme"), dir.resolve("initech"), "acme", "initech");
        copyOrgRules(samples.resolve("rules/globex"), dir.resolve("globex"), "globex", "globex");
        return dir;
    }

    private static void copyOrgRules(Path from, Path to, String org, String as) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.collect(Collectors.toList())) {
                Files.writeString(
                        to.resolve(f.getFileName().toString().replace(org, as)),
                        Files.readString(f).replace(org, as));
            }
        }
    }

    /** The detections of a bounded run over the same records laid out as drop folders. */
    private static Set<String> fileRun(Map<String, List<String>> feeds, Path users, Path rules)
            throws Exception {
        Path events = out.resolve("events");
        for (Map.Entry<String, List<String>> feed : feeds.entrySet()) {
            Path dir = Files.createDirectories(events.resolve(feed.getKey()));
            Files.write(dir.resolve("feed.jsonl"), feed.getValue());
        }
        Path audit = out.resolve("file-audit");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobSettings settings = new JobSettings();
        settings.notifier = new NotifierSettings(); // no endpoints: detect and audit only
        CoachJob.build(
                env,
                new FileJobSources(
                        List.of(events.toUri().toString()),
                        users.toUri().toString(),
                        RuleFiles.snapshot(rules),
                        null),
                AuditSinks.auditOnly(audit.toUri().toString()),
                settings);
        env.execute("file-run");
        return detections(audit.toUri().toString());
    }

    private static CoachConfig config(
            String audit, String streamsKey, String streams, Path users, Path rules) {
        Map<String, Map<String, String>> g = new HashMap<>();
        g.put("Job", Map.of("state.backend", "hashmap", "checkpoint.interval", "1s"));
        g.put(
                "Kinesis",
                Map.of(
                        "endpoint", kinesisUrl,
                        "access-key", "local",
                        "secret-key", "local",
                        "poll.interval", "200ms",
                        "shard-discovery.interval", "1s"));
        g.put("Events", Map.of(streamsKey, streams, "shared.allowed-orgs", String.join(",", ORGS)));
        g.put("Directory", Map.of("path", users.toString(), "warm-up", "30s"));
        g.put("Rules", Map.of("path", rules.toString()));
        g.put("Audit", Map.of("path", audit));
        g.put("Notify", Map.of("enabled", "false"));
        return CoachConfig.of(g);
    }

    private static JobClient start(CoachConfig config) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        CoachJob.flinkConfiguration(config));
        env.setParallelism(1);
        env.enableCheckpointing(1000);
        CoachJob.build(
                env,
                new ConfiguredSources(config),
                new ConfiguredSinks(config),
                ConfiguredSettings.from(config));
        return env.executeAsync("shared-stream-test");
    }

    private static void put(String stream, List<String> records) throws Exception {
        kinesis.put(
                stream,
                records,
                IntStream.range(0, records.size())
                        .mapToObj(i -> "k" + i)
                        .collect(Collectors.toList()));
    }

    private static List<JsonNode> raw(String audit) {
        return AuditTrail.read(audit, AuditStage.RAW);
    }

    private static List<JsonNode> events(String audit) {
        return AuditTrail.read(audit, AuditStage.EVENTS);
    }

    private static List<JsonNode> deadLetters(String audit) {
        return AuditTrail.read(audit, AuditStage.DEAD_LETTERS);
    }

    private static Map<String, Long> deadLetterReasons(String audit) {
        return deadLetters(audit).stream()
                .collect(
                        Collectors.groupingBy(
                                d -> d.path("reason").asText(),
                                TreeMap::new,
                                Collectors.counting()));
    }

    /** Dead letters of the shared run by reason, less those of the per-org run. */
    private static Map<String, Long> hostileDeadLetters(String shared, String perOrg) {
        Map<String, Long> extra = deadLetterReasons(shared);
        deadLetterReasons(perOrg).forEach((reason, n) -> extra.merge(reason, -n, Long::sum));
        extra.values().removeIf(n -> n == 0L);
        return extra;
    }

    private static Set<String> eventUids(String audit) {
        return events(audit).stream()
                .filter(e -> !e.path("event_uid").asText().contains("smuggled"))
                .map(e -> e.path("org_id").asText() + "/" + e.path("event_uid").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Detections of people the directory names, as org/rule/user. */
    private static Set<String> detections(String audit) {
        return AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                .filter(d -> d.hasNonNull("user_id"))
                .map(
                        d ->
                                d.path("org_id").asText()
                                        + "/"
                                        + d.path("rule_id").asText()
                                        + "/"
                                        + d.path("user_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
