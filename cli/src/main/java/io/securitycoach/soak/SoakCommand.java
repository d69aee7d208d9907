package io.securitycoach.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./coach soak}: the fault soak's tools (local-cluster/soak.sh drives them). */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description = "Fault soak tools: check a run, feed input.",
        subcommands = {SoakCommand.Check.class, SoakFeedCommand.class})
public final class SoakCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * {@code ./coach soak check}: compare outputs with the input and a fault-free reference run.
     */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Compare a run's outputs with its input and a fault-free reference run; exit 1"
                            + " on any violation.")
    static final class Check implements Callable<Integer> {
        @Option(
                names = "--input",
                required = true,
                description = "Folder of the records fed: <org>/<vendor>/*.jsonl.")
        Path input;

        @Option(
                names = "--audit",
                required = true,
                description = "Audit trail of the run (local folder, e.g. S3Proxy's files).")
        Path audit;

        @Option(
                names = "--reference",
                required = true,
                description = "Audit trail of the fault-free reference run.")
        Path reference;

        @Option(names = "--receiver-log", description = "The receiver's request log (--record).")
        Path receiverLog;

        @Option(
                names = "--kinesis-outputs",
                description =
                        "Folder with detections.jsonl and delivery-status.jsonl read from the"
                                + " output streams.")
        Path kinesisOutputs;

        @Option(
                names = "--faults",
                description = "faults.jsonl: one {kind, start_ms, end_ms} per injected fault.")
        Path faults;

        @Option(
                names = "--checkpoints",
                split = ",",
                description =
                        "Checkpoint completion times: JobManager logs (*.log) or files of epoch-ms"
                                + " lines.")
        List<Path> checkpoints = new ArrayList<>();

        @Option(names = "--json", description = "Write the figures as JSON to this file.")
        Path json;

        @Override
        public Integer call() throws Exception {
            SoakChecker.Inputs in = new SoakChecker.Inputs();
            in.input = input;
            in.audit = audit;
            in.referenceAudit = reference;
            in.receiverLog = receiverLog;
            in.kinesisOutputs = kinesisOutputs;
            in.faults = faults;
            in.checkpointFiles = checkpoints;
            SoakReport report = SoakChecker.check(in);
            report.print(System.out);
            if (json != null) {
                report.writeJson(json);
            }
            return report.passed() ? 0 : 1;
        }
    }
}
