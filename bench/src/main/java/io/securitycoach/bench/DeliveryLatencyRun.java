package io.securitycoach.bench;

import io.securitycoach.cli.RunSummary;
import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.local.LocalEnvironment;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Detection-to-delivered latency on the local receiver: the bundled samples copied {@code --copies}
 * times (fresh event ids, each copy two days earlier so suppression windows do not merge them), run
 * through the whole job, the percentiles read back from the delivery statuses of the audit trail.
 */
@Command(name = "delivery-latency", mixinStandardHelpOptions = true)
public final class DeliveryLatencyRun implements Callable<Integer> {
    @Option(names = "--copies", defaultValue = "50")
    int copies;

    @Option(names = "--home", defaultValue = ".")
    Path home;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeliveryLatencyRun()).execute(args));
    }

    /** One sample line as copy {@code c}: fresh ids, times {@code 2c} days earlier. */
    static String shift(String line, int c) {
        String out = line.replaceAll("(\"(uuid|recordid)\": \")([^\"]+)\"", "$1$3-c" + c + "\"");
        Matcher published =
                Pattern.compile("\"published\": \"(\\d{4}-\\d{2}-\\d{2})T").matcher(out);
        if (published.find()) {
            out =
                    out.replace(
                            published.group(0),
                            "\"published\": \""
                                    + LocalDate.parse(published.group(1)).minusDays(2L * c)
                                    + "T");
        }
        Matcher epoch = Pattern.compile("\"epochtime\": (\\d+)").matcher(out);
        if (epoch.find()) {
            out =
                    out.replace(
                            epoch.group(0),
                            "\"epochtime\": " + (Long.parseLong(epoch.group(1)) - 2L * c * 86_400));
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        Path samples = home.resolve("samples").toAbsolutePath();
        Path work = Files.createTempDirectory("coach-latency");
        Path events = work.resolve("events");
        copySampleEvents(samples.resolve("events"), events);
        DevSecrets secrets = DevSecrets.create(work.resolve("secrets"));
        try (LocalReceiver receiver =
                LocalReceiver.builder().signingSecret(secrets.signingSecretValue).start()) {
            JobSettings settings = settings(samples, secrets, receiver);
            StreamExecutionEnvironment env =
                    LocalEnvironment.create(work.resolve("checkpoints"), 8081, false, 2);
            env.enableCheckpointing(1000);
            CoachJob.build(
                    env,
                    new FileJobSources(
                            List.of(events.toUri().toString()),
                            samples.resolve("users").toUri().toString(),
                            RuleFiles.snapshot(
                                    samples.resolve("rules"), samples.resolve("parsers")),
                            null),
                    AuditSinks.auditOnly(work.resolve("audit").toUri().toString()),
                    settings);
            env.execute("delivery-latency");
            RunSummary s = RunSummary.fromAudit(work.resolve("audit"));
            System.out.printf(
                    "%d copies of the samples: %d detections, %d delivered, %d failed%n",
                    copies, s.detections.size(), s.notificationsDelivered, s.notificationsFailed);
            System.out.println("detection to delivered (ms): " + s.latency());
        }
        return 0;
    }

    /** Every sample events file {@code --copies} times into {@code events}, each copy shifted. */
    private void copySampleEvents(Path sampleEvents, Path events) throws IOException {
        try (Stream<Path> files = Files.walk(sampleEvents)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int c = 0; c < copies; c++) {
                    Path target =
                            events.resolve(sampleEvents.relativize(f))
                                    .resolveSibling("copy" + c + "-" + f.getFileName());
                    Files.createDirectories(target.getParent());
                    int copy = c;
                    Files.write(
                            target,
                            lines.stream().map(l -> shift(l, copy)).collect(Collectors.toList()),
                            StandardCharsets.UTF_8);
                }
            }
        }
    }

    /** Every channel to the local receiver, with no daily cap. */
    private static JobSettings settings(Path samples, DevSecrets secrets, LocalReceiver receiver)
            throws IOException {
        JobSettings settings = new JobSettings();
        settings.notifier = secrets.applyTo(NotifierSettings.allChannelsTo(receiver.baseUrl()));
        settings.notifier.dailyCapPerUser = Integer.MAX_VALUE; // every copy coaches the same people
        settings.notifier.modules = CoachingModules.load(samples.resolve("modules.yaml"));
        return settings;
    }
}
