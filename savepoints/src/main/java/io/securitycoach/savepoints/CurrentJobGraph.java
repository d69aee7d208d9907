package io.securitycoach.savepoints;

import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.records.ControlMessage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;

/**
 * The uids of today's job graph (the embedded wiring with every optional operator on), by the
 * operator id a savepoint stores: what a restore of a savepoint would match its state to.
 */
public final class CurrentJobGraph {
    private CurrentJobGraph() {}

    /** Operator id (hex, as in the savepoint's metadata) to uid. */
    public static Map<String, String> uidsByOperatorId() {
        Map<String, String> byId = new TreeMap<>();
        for (String uid : uids()) {
            byId.put(OperatorIdentifier.forUid(uid).getOperatorId().toHexString(), uid);
        }
        return byId;
    }

    static List<String> uids() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        JobSettings settings = new JobSettings();
        settings.notifier = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        settings.notifier.statusWebhookRef = "env:UNUSED";
        FileJobSources sources =
                new FileJobSources(
                        List.of("file:///unused-events"),
                        "file:///unused-users",
                        List.of(ControlMessage.snapshotEnd("graph")),
                        null);
        CoachJob.build(env, sources, AuditSinks.auditOnly("file:///unused-audit"), settings);
        return env.getStreamGraph(false).getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .sorted()
                .collect(Collectors.toList());
    }
}
