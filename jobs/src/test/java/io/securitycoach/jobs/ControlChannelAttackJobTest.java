package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.control.ControlQuota;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.jobs.wiring.kinesis.ControlChannels;
import io.securitycoach.jobs.wiring.kinesis.ControlRecords;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.testing.FlinkMiniCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 28, finding 4, inside the job, written as the attacker: evil may write only its own
 * channels (its folder of the rules and parsers folders, its own Kinesis control stream, read here
 * by the job's own reader) and uses them to take over globex's rule and parser, disable and delete
 * the other orgs' rules and parsers, silence globex with org settings, forge a refusal and an early
 * snapshot end, send an unknown type and flood updates. acme's and globex's detections, deliveries
 * and statuses equal a run without the attacker; evil gets a status with a reason for each.
 */
class ControlChannelAttackJobTest {
    private static final String[] ORGS = {"acme", "globex", "evil"};
    private static final String HOST = "{regex: '^https?://([^/]+)'}";

    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path out;

    @Test
    void anotherOrgsChannelChangesNothingOfOursAndTheAttackerIsToldWhy() throws Exception {
        HostileTenantJobTest.Run baseline = run(out.resolve("baseline"), false);
        HostileTenantJobTest.Run attacked = run(out.resolve("attacked"), true);

        assertThat(victims(baseline.detections)).hasSize(4);
        assertThat(victims(attacked.detections)).isEqualTo(victims(baseline.detections));
        assertThat(victims(attacked.deliveries)).hasSize(4).isEqualTo(victims(baseline.deliveries));
        assertThat(victims(attacked.statuses))
                .as("acme's and globex's statuses: none caused by evil")
                .containsExactlyInAnyOrderElementsOf(victims(baseline.statuses));

        String otherOrg =
                "evil/ rejected org_id: this channel speaks for org 'evil' only; the message";
        assertThat(attacked.statuses)
                .as("filed under evil, without the victim's rule id")
                .filteredOn(s -> s.startsWith(otherOrg))
                .containsExactlyInAnyOrder(
                        otherOrg + " names org 'globex'", // the rule file in evil's folder
                        otherOrg + " names org 'globex'", // the parser file in evil's folder
                        otherOrg + " names org 'globex'", // rule_disable
                        otherOrg + " names org 'acme'", // rule_delete
                        otherOrg + " names org 'globex'", // parser_delete
                        otherOrg + " names org 'globex'"); // org_settings
        assertThat(attacked.statuses)
                .contains(
                        "evil/ rejected type: 'refused' is the job's own, never read from a"
                                + " control channel",
                        "evil/ rejected type: snapshot_end is the operator's; an org's channel"
                                + " cannot send it",
                        "evil/ rejected type: unknown control message type 'rule_explode'");
        assertThat(attacked.statuses)
                .filteredOn(s -> s.startsWith("evil/gambling rate_limited rate: at most 1"))
                .as("the flood beyond evil's burst is answered, not applied and not dropped")
                .hasSize(FLOOD - 8);
    }

    private static final int FLOOD = 20;

    private static List<String> victims(List<String> lines) {
        return lines.stream()
                .filter(l -> !l.contains("evil"))
                .sorted()
                .collect(Collectors.toList());
    }

    private HostileTenantJobTest.Run run(Path dir, boolean attack) throws Exception {
        Path events = dir.resolve("events");
        Path users = Files.createDirectories(dir.resolve("users"));
        Path rules = dir.resolve("rules");
        Path parsers = dir.resolve("parsers");
        List<String> directory = new ArrayList<>();
        for (String org : ORGS) {
            Files.createDirectories(events.resolve(org + "/web-feed"));
            Files.write(
                    events.resolve(org + "/web-feed/feed.jsonl"), HostileTenantJobTest.feed(org));
            directory.addAll(HostileTenantJobTest.directory(org));
            write(
                    parsers.resolve(org + "/web-feed.yaml"),
                    HostileTenantJobTest.parser(org, "web-feed", HOST));
            write(
                    rules.resolve(org + "/gambling.yaml"),
                    HostileTenantJobTest.rule(
                            org, "gambling", "event.url_category == \"Gambling\""));
        }
        Files.write(users.resolve("directory.jsonl"), directory);
        if (attack) {
            write(
                    rules.resolve("evil/takeover.yaml"),
                    HostileTenantJobTest.rule("globex", "gambling", "false")
                            .replace("version: 1", "version: 9"));
            write(
                    parsers.resolve("evil/nested/globex-feed.yaml"),
                    HostileTenantJobTest.parser("globex", "web-feed", "{lower: true}")
                            .replace("version: 1", "version: 9"));
        }
        List<ControlMessage> control = new ArrayList<>(RuleFiles.snapshot(rules, parsers));
        ControlMessage end = control.remove(control.size() - 1);
        if (attack) {
            control.addAll(fromEvilsStream());
        }
        control.add(end);
        JobSettings settings = new JobSettings();
        settings.controlQuota = new ControlQuota(3, 1, 10);
        return HostileTenantJobTest.execute(dir, events, users, control, settings);
    }

    /** What evil writes to its own Kinesis control stream, as the job's reader takes it. */
    private static List<ControlMessage> fromEvilsStream() {
        List<String> records = new ArrayList<>();
        records.add(
                "{\"type\":\"rule_disable\",\"org_id\":\"globex\",\"rule_id\":\"gambling\",\"version\":10}");
        records.add(
                "{\"type\":\"rule_delete\",\"org_id\":\"acme\",\"rule_id\":\"gambling\",\"version\":10}");
        records.add(
                "{\"type\":\"parser_delete\",\"org_id\":\"globex\",\"rule_id\":\"web-feed\",\"version\":10}");
        records.add(
                "{\"type\":\"org_settings\",\"org_id\":\"globex\",\"version\":5,\"payload\":"
                        + "\"{\\\"channels\\\": []}\"}");
        records.add(
                "{\"type\":\"refused\",\"org_id\":\"globex\",\"payload\":\"your rules were"
                        + " removed\"}");
        records.add("{\"type\":\"snapshot_end\"}");
        records.add("{\"type\":\"rule_explode\",\"org_id\":\"evil\"}");
        for (int v = 2; v < 2 + FLOOD; v++) {
            records.add(
                    "{\"type\":\"rule_enable\",\"org_id\":\"evil\",\"rule_id\":\"gambling\",\"version\":"
                            + v
                            + "}");
        }
        ControlRecords reader =
                new ControlRecords(
                        ControlChannels.of("operator-control", Map.of("evil-control", "evil")));
        List<ControlMessage> read = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            read.add(
                    reader.deserialize(
                            records.get(i).getBytes(StandardCharsets.UTF_8),
                            "pk",
                            String.valueOf(i),
                            0,
                            "evil-control",
                            "shardId-0"));
        }
        return read;
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
