package io.securitycoach.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.control.ControlChannel;
import io.securitycoach.control.ControlIntake;
import io.securitycoach.control.ControlQuota;
import io.securitycoach.control.ControlRoutes;
import io.securitycoach.control.ControlStage;
import io.securitycoach.control.ControlType;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.schema.Json;
import io.securitycoach.util.Tags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Issue 28: control records with the org in the body set against the channel that carried them (the
 * operator's, or acme's, globex's or evil's own), of every type, unknown types, the job's own
 * types, and mutated JSON. Each record read ends as exactly one status or as the stages its type's
 * row names; nothing throws; what an org's channel carried reaches a stage only for that org, and
 * every status it causes is filed under that org.
 */
class ControlChannelFuzzTest {
    private static final int TRIES = 1000;
    private static final List<String> ORGS = List.of("acme", "globex", "evil");

    @Test
    void whatAChannelCarriesSpeaksOnlyForItsOrgAndEndsOnce() throws Exception {
        Mutations m = new Mutations(28);
        List<String> types = new ArrayList<>();
        Arrays.stream(ControlType.values()).forEach(t -> types.add(t.wireName));
        types.addAll(Arrays.asList("rule_explode", "", "REFUSED", "snapshot_end ", null));
        int[] tally = new int[4];
        try (OneInputStreamOperatorTestHarness<ControlMessage, ControlMessage> intake =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new ControlIntake(new ControlQuota(1000, 60, 1_000_000))))) {
            intake.open();
            for (int i = 0; i < TRIES; i++) {
                String channelOrg = m.nextInt(4) == 0 ? null : m.pick(ORGS);
                ControlChannel channel =
                        channelOrg == null
                                ? ControlChannel.OPERATOR
                                : ControlChannel.ofOrg(channelOrg);
                String record = record(m, types);
                ControlMessage read = read(record);
                if (read == null) {
                    continue; // not a control message at all: the reader's unreadable
                }
                Outcome before = Outcome.of(intake);
                try {
                    intake.processElement(channel.admit(read), 0);
                } catch (Throwable t) {
                    throw new AssertionError("try " + i + " threw on " + record, t);
                }
                boolean passed = check(i, record, channelOrg, before, Outcome.of(intake));
                tally[(channelOrg == null ? 0 : 2) + (passed ? 1 : 0)]++;
            }
        }
        assertThat(Arrays.stream(tally).boxed())
                .as("operator refused/passed, org channel refused/passed: each case is reached")
                .allMatch(n -> n > 20);
    }

    /** A control record as a writer could send it, mostly well-formed, sometimes mutated. */
    private static String record(Mutations m, List<String> types) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", m.pick(types));
        String bodyOrg = m.nextInt(8) == 0 ? null : m.pick(ORGS);
        node.put("org_id", bodyOrg);
        node.put("rule_id", m.nextInt(5) == 0 ? null : "r" + m.nextInt(3));
        node.put("version", m.nextInt(5));
        String textOrg = m.nextInt(3) == 0 ? m.pick(ORGS) : bodyOrg;
        node.put(
                "payload",
                m.nextInt(2) == 0
                        ? "id: r1\norg: " + textOrg + "\nwhen: 'true'\ncoach: {module: m}\n"
                        : "parser: p\norg: " + textOrg + "\nversion: 1\nclass: web\n");
        String json = Json.write(node);
        return m.nextInt(4) == 0 ? m.json(json) : json;
    }

    private static ControlMessage read(String record) {
        try {
            return Json.mapper().readValue(record, ControlMessage.class);
        } catch (Exception e) {
            return null;
        }
    }

    /** True when the message went to the stages, false when the intake answered it. */
    private static boolean check(
            int i, String record, String channelOrg, Outcome before, Outcome after) {
        List<ControlStatus> statuses =
                after.statuses.subList(before.statuses.size(), after.statuses.size());
        List<ControlMessage> routed = new ArrayList<>();
        Set<ControlStage> reached = EnumSet.noneOf(ControlStage.class);
        for (ControlStage stage : Outcome.STAGES) {
            List<ControlMessage> to =
                    after.routed(stage)
                            .subList(before.routed(stage).size(), after.routed(stage).size());
            if (!to.isEmpty()) {
                reached.add(stage);
                routed.addAll(to);
            }
        }
        String what = "try " + i + " on channel " + channelOrg + ": " + record;
        if (statuses.isEmpty()) {
            assertThat(routed).as(what + ": neither answered nor routed").isNotEmpty();
            ControlType type = ControlType.of(routed.get(0));
            assertThat(reached).as(what).isEqualTo(type.route());
            assertThat(routed).as(what).hasSize(type.route().size());
            assertThat(
                            type.sender == ControlType.Sender.READER
                                    || type.sender == ControlType.Sender.JOB_INTERNAL)
                    .as(what)
                    .isFalse();
            if (channelOrg != null) {
                assertThat(type.sender.tenant()).as(what).isTrue();
                assertThat(routed.get(0).orgId).as(what).isEqualTo(channelOrg);
                if (type.textOrg != null) {
                    String named = type.textOrg.apply(routed.get(0).payload);
                    assertThat(named == null || named.equals(channelOrg)).as(what).isTrue();
                }
            }
            return true;
        } else {
            assertThat(statuses).as(what).hasSize(1);
            assertThat(reached).as(what + ": answered, so no stage gets it").isEmpty();
            if (channelOrg != null) {
                assertThat(statuses.get(0).orgId).as(what).isEqualTo(channelOrg);
            }
            return false;
        }
    }

    /** What the intake has put out so far. */
    private static final class Outcome {
        /** Every stage the intake routes to (all but itself). */
        static final List<ControlStage> STAGES =
                Arrays.stream(ControlStage.values())
                        .filter(s -> s != ControlStage.INTAKE)
                        .collect(Collectors.toList());

        final List<ControlStatus> statuses = new ArrayList<>();
        final List<List<ControlMessage>> routed = new ArrayList<>();

        static Outcome of(OneInputStreamOperatorTestHarness<ControlMessage, ControlMessage> h) {
            Outcome o = new Outcome();
            var side = h.getSideOutput(Tags.RULE_STATUS);
            if (side != null) {
                side.forEach(r -> o.statuses.add(r.getValue()));
            }
            for (ControlStage stage : STAGES) {
                List<ControlMessage> to = new ArrayList<>();
                var out = h.getSideOutput(ControlRoutes.to(stage));
                if (out != null) {
                    out.stream().map(StreamRecord::getValue).forEach(to::add);
                }
                o.routed.add(to);
            }
            return o;
        }

        List<ControlMessage> routed(ControlStage stage) {
            return routed.get(STAGES.indexOf(stage));
        }
    }
}
