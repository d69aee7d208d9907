package io.securitycoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NormalizeCommandTest {
    private static final Path SAMPLES =
            Paths.get(System.getProperty("coach.home", "..")).resolve("samples");
    private static final String[] VENDORS = {
        "okta", "zscaler", "proofpoint", "crowdstrike", "netskope", "defender"
    };

    @TempDir Path dir;

    private String stdout;

    private int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new CoachCli()).execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
            stdout = buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyVendorSampleNormalizesWithAutoDetection() throws Exception {
        for (String vendor : VENDORS) {
            assertThat(
                            run(
                                    "normalize",
                                    "--vendor",
                                    "auto",
                                    SAMPLES.resolve("vendors/" + vendor + ".jsonl").toString()))
                    .isZero();
            for (String line : stdout.split("\n")) {
                assertThat(Json.mapper().readTree(line).get("vendor").asText()).isEqualTo(vendor);
            }
        }
    }

    @Test
    void autoDetectsTheVendorOfAMixedCorpus() throws Exception {
        Map<String, Integer> named = new TreeMap<>();
        List<List<String>> lines = new ArrayList<>();
        for (String vendor : VENDORS) {
            Path file = SAMPLES.resolve("vendors/" + vendor + ".jsonl");
            run("normalize", "--vendor", vendor, file.toString());
            named.put(vendor, stdout.trim().split("\n").length);
            lines.add(Files.readAllLines(file));
        }
        Path mixed = dir.resolve("mixed.jsonl");
        List<String> interleaved = new ArrayList<>();
        for (int i = 0; lines.stream().anyMatch(l -> !l.isEmpty()); i++) {
            List<String> from = lines.get(i % lines.size());
            if (!from.isEmpty()) {
                interleaved.add(from.remove(0));
            }
        }
        Files.write(mixed, interleaved);

        run("normalize", "--vendor", "auto", mixed.toString());
        Map<String, Integer> detected = new TreeMap<>();
        for (String line : stdout.trim().split("\n")) {
            detected.merge(Json.mapper().readTree(line).get("vendor").asText(), 1, Integer::sum);
        }
        int total = named.values().stream().mapToInt(Integer::intValue).sum();
        int right =
                named.entrySet().stream()
                        .mapToInt(e -> Math.min(e.getValue(), detected.getOrDefault(e.getKey(), 0)))
                        .sum();
        assertThat(total).isGreaterThanOrEqualTo(60);
        assertThat(100.0 * right / total)
                .as("events with the right vendor, %s vs %s", detected, named)
                .isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void theReportShowsRecordsEventsDeadLettersUnknownVerdictsAndFieldCoveragePerRecordType()
            throws Exception {
        Path feed = dir.resolve("zscaler.jsonl");
        Files.writeString(
                feed,
                "{\"version\":\"v9\",\"event\":{\"epochtime\":\"1795183200\",\"login\":\"a@acme.com\",\"b64url\":\"bmV3cy5leGFtcGxlLw==\",\"urlsubcat\":\"News\",\"action\":\"Allowed\"}}\n"
                    + "{\"version\":\"v9\",\"event\":{\"epochtime\":\"1795183200\",\"login\":\"b@acme.com\",\"b64url\":\"%%%\",\"urlsubcat\":\"News\"}}\n"
                    + "{\"time\":\"Fri Nov 20 12:00:01"
                    + " 2026\",\"login\":\"c@acme.com\",\"urlcat\":\"News\",\"eurl\":\"x.example/\"}\n");
        assertThat(run("normalize", "--vendor", "zscaler", "--report", feed.toString()))
                .isEqualTo(1);
        assertThat(stdout)
                .contains(
                        "zscaler / cloud-nss-http: 2 records, 1 events, 1 dead letters\n"
                                + "  dead letter wrong_type x1, e.g. "
                                + feed
                                + ":2: b64url is not base64")
                .contains("zscaler / nss-field-names: 1 records, 1 events, 0 dead letters\n")
                .contains("zscaler: 2 events, unknown verdict 50.0%\n")
                .contains("  unknown verdict: 1 (100.0%)\n")
                .contains("url_category 100%")
                .contains("never: ")
                .doesNotContain("\"org_id\"");

        assertThat(run("normalize", "--vendor", "auto", "--report-json", feed.toString()))
                .isEqualTo(1);
        JsonNode cloud = Json.mapper().readTree(stdout).path("zscaler").path("cloud-nss-http");
        assertThat(cloud.path("records").asInt()).isEqualTo(2);
        assertThat(cloud.path("dead_letters").path("wrong_type").path("count").asInt())
                .isEqualTo(1);
        assertThat(cloud.path("field_coverage").path("url_host").asDouble()).isEqualTo(1.0);
        assertThat(cloud.path("field_coverage").path("threat_name").asDouble()).isEqualTo(0.0);
        assertThat(cloud.path("unknown_verdict_percent").asDouble()).isEqualTo(0.0);
        JsonNode nss = Json.mapper().readTree(stdout).path("zscaler").path("nss-field-names");
        assertThat(nss.path("unknown_verdicts").asInt()).isEqualTo(1);
        assertThat(nss.path("unknown_verdict_percent").asDouble()).isEqualTo(100.0);
    }

    @Test
    void deadLettersMakeExitOneAndUsageErrorsTwo() throws Exception {
        Path mixed = dir.resolve("mixed.jsonl");
        Files.writeString(
                mixed, Files.readString(SAMPLES.resolve("vendors/netskope.jsonl")) + "{broken\n");
        assertThat(
                        run(
                                "normalize",
                                "--vendor",
                                "netskope",
                                SAMPLES.resolve("vendors/netskope.jsonl").toString()))
                .isZero();
        int events = stdout.trim().split("\n").length;
        assertThat(run("normalize", "--vendor", "netskope", mixed.toString())).isEqualTo(1);
        assertThat(stdout.trim().split("\n")).hasSize(events);
        assertThat(run("normalize", "--vendor", "nobody", mixed.toString())).isEqualTo(2);
        assertThat(run("normalize", "--vendor", "okta", dir.resolve("missing.jsonl").toString()))
                .isEqualTo(2);
        assertThat(run("normalize", "--vendor", "netskope", "--org", "Acme_Corp", mixed.toString()))
                .as("an org id outside the one pattern is a usage error")
                .isEqualTo(2);
    }

    @Test
    void bothExampleParsingConfigurationsGiveTheExpectedEvents() throws Exception {
        for (String parser : new String[] {"mimecast-email", "generic-firewall"}) {
            assertThat(
                            run(
                                    "normalize",
                                    "--config",
                                    SAMPLES.resolve("parsers/" + parser + ".yaml").toString(),
                                    SAMPLES.resolve("vendors/" + parser + ".jsonl").toString()))
                    .as(
                            "each sample has a line without a usable time and one without time or"
                                    + " identity")
                    .isEqualTo(1);
            List<String> expected =
                    Files.readAllLines(
                            Paths.get(
                                    getClass()
                                            .getResource("/parsers/" + parser + ".expected.jsonl")
                                            .toURI()));
            String[] lines = stdout.trim().split("\n");
            assertThat(lines).hasSize(expected.size());
            for (int i = 0; i < lines.length; i++) {
                ObjectNode event = (ObjectNode) Json.mapper().readTree(lines[i]);
                event.remove("ingest_time");
                assertThat(event)
                        .as(parser + " event " + i)
                        .isEqualTo(Json.mapper().readTree(expected.get(i)));
            }
        }
    }

    @Test
    void anInvalidParsingConfigurationIsAUsageErrorNamingEveryProblem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                "parser: okta\n"
                        + "org: acme\n"
                        + "version: 1\n"
                        + "class: web\n"
                        + "fields:\n"
                        + "  event_time: {path: t}\n"
                        + "  app: {path: a, transform: [{regex: '(x{100}){100}'}]}\n");
        PrintStream err = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit =
                    new CommandLine(new CoachCli())
                            .execute(
                                    "normalize",
                                    "--config",
                                    bad.toString(),
                                    SAMPLES.resolve("vendors/netskope.jsonl").toString());
        } finally {
            System.setErr(err);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8).split("\\R"))
                .containsExactly(
                        "error: invalid parsing configuration:",
                        "  bad.yaml: parser at 1:1: 'okta' is a built-in vendor; choose another"
                                + " name",
                        "  bad.yaml: fields.app.transform[0] at 7:30: regex too large once its"
                            + " repetitions are expanded (about 10202 instructions, at most 1000):"
                            + " use fewer or smaller {n,m} counts",
                        "  bad.yaml: fields.actor at 5:1: required (or actor_email /"
                                + " actor_user_name): who did it");
        assertThat(run("normalize", "--vendor", "okta", "--config", bad.toString(), bad.toString()))
                .isEqualTo(2);
    }

    @Test
    void aConfigurationExtendingZscalerGivesTheBuiltInsEventsForARenamedTemplate()
            throws Exception {
        Path renamed = SAMPLES.resolve("vendors/zscaler-eu-template.jsonl");
        assertThat(
                        run(
                                "normalize",
                                "--config",
                                SAMPLES.resolve("vendors/zscaler-eu-template.yaml").toString(),
                                renamed.toString()))
                .isZero();
        String[] extended = stdout.trim().split("\n");
        Path standard = dir.resolve("standard.jsonl");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(renamed)) {
            lines.add(
                    line.replace("\"zeit\"", "\"datetime\"")
                            .replace("\"zone\"", "\"tz\"")
                            .replace("\"benutzer\"", "\"user\"")
                            .replace("\"aktion\"", "\"action\"")
                            .replace("\"kategorie\"", "\"urlcategory\"")
                            .replace("\"quelle\"", "\"ClientIP\"")
                            .replaceAll(
                                    "\"ziel\":\\{\"url\":(\"[^\"]*\"),\"host\":(\"[^\"]*\")}",
                                    "\"url\":$1,\"hostname\":$2"));
        }
        Files.write(standard, lines);
        assertThat(run("normalize", "--vendor", "zscaler", "--org", "acme", standard.toString()))
                .isZero();
        String[] builtIn = stdout.trim().split("\n");
        assertThat(extended).hasSize(3).hasSameSizeAs(builtIn);
        for (int i = 0; i < builtIn.length; i++) {
            ObjectNode mine = (ObjectNode) Json.mapper().readTree(extended[i]);
            ObjectNode theirs = (ObjectNode) Json.mapper().readTree(builtIn[i]);
            assertThat(mine.remove("vendor").asText()).isEqualTo("zscaler-eu-template");
            assertThat(mine.remove("actor_host").asText())
                    .as("the configuration's own field")
                    .startsWith("ACME-LT-");
            theirs.remove("vendor");
            mine.remove("ingest_time");
            theirs.remove("ingest_time");
            assertThat(mine)
                    .as("event " + i + ", raw too: the names the built-in reads")
                    .isEqualTo(theirs);
        }
    }
}
