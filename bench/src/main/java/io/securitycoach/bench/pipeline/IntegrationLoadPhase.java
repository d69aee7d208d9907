package io.securitycoach.bench.pipeline;

import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job fetching one integration at full speed: the stand-in holds every event before the job
 * starts; the span runs from the first fetched record in the raw audit to the last (the job's
 * start-up and the first page's round trip are not in it), and its CPU is the whole process's (job,
 * stand-in and receiver share the JVM, as they share the pipeline load run's).
 */
final class IntegrationLoadPhase {
    private IntegrationLoadPhase() {}

    static void run(RunOptions o, int people, long timeoutMillis, IntegrationLoadReport report)
            throws Exception {
        Path work = o.work.resolve("coach");
        DevSecrets secrets = DevSecrets.create(Files.createDirectories(work.resolve("secrets")));
        List<String> emails = emails(people);
        writeUsers(work.resolve("users"), emails);
        System.out.printf(
                "%s stand-in: generating %,d events (not measured)...%n",
                report.vendor, report.events);
        try (IntegrationStandIn standIn =
                        IntegrationStandIn.start(
                                report.vendor,
                                emails,
                                (int) report.events,
                                report.pageSize,
                                work.resolve("secrets"));
                LocalReceiver receiver =
                        LocalReceiver.builder().signingSecret(secrets.signingSecretValue).start();
                BenchCluster job = start(o, work, standIn, receiver.baseUrl(), secrets)) {
            System.out.println("coach job: fetching...");
            Span span = measure(report.events, timeoutMillis);
            report.fetched = raw();
            report.wallSeconds = span.wallSeconds();
            report.cpuSeconds = span.cpuSeconds();
            report.requestsServed = standIn.requestsServed();
            report.restarts = MetricsTap.restarts();
            job.cancel();
        }
    }

    private static BenchCluster start(
            RunOptions o,
            Path work,
            IntegrationStandIn standIn,
            String receiverUrl,
            DevSecrets secrets)
            throws Exception {
        Configuration conf = BenchCluster.configuration(work.resolve("checkpoints"), o.flink);
        StreamExecutionEnvironment env =
                BenchCluster.environment(conf, o.parallelism, o.checkpointSeconds * 1000L);
        JobSettings settings = new JobSettings();
        settings.notifier = secrets.applyTo(NotifierSettings.allChannelsTo(receiverUrl));
        settings.notifier.modules =
                CoachingModules.load(o.home.resolve("samples").resolve("modules.yaml"));
        settings.integrations.allowLocal = true; // the stand-in listens on loopback
        Path events = Files.createDirectories(work.resolve("events"));
        List<ControlMessage> control =
                List.of(standIn.integration, ControlMessage.snapshotEnd("integration-load-run"));
        FileJobSources sources =
                new FileJobSources(
                        List.of(events.toUri().toString()),
                        work.resolve("users").toUri().toString(),
                        control,
                        BenchSources.MONITOR);
        CoachJob.build(
                env,
                sources,
                AuditSinks.auditOnly(work.resolve("audit").toUri().toString()),
                settings);
        return BenchCluster.submit(env, conf, o.parallelism);
    }

    /** Waits for the first fetched record, then times the span until all {@code events} are in. */
    private static Span measure(long events, long timeoutMillis) throws InterruptedException {
        Waits.until(() -> raw() > 0, timeoutMillis, "the first fetched record");
        Span span = new Span();
        span.start();
        Waits.until(() -> raw() >= events, timeoutMillis, events + " fetched records");
        span.end();
        return span;
    }

    /** Raw audit records of fetched events: the vendor APIs' own raw audit operator. */
    static final String AUDIT_RAW_FETCHED = "Audit: raw (vendor APIs)";

    private static long raw() {
        return MetricsTap.count(AUDIT_RAW_FETCHED, PipelineJob.IN);
    }

    static List<String> emails(int people) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            emails.add("person" + i + "@acme.example");
        }
        return emails;
    }

    private static void writeUsers(Path dir, List<String> emails) throws Exception {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            lines.add(
                    String.format(
                            "{\"org_id\": \"%s\", \"user_id\": \"u-%d\", \"email\": \"%s\","
                                    + " \"first_name\": \"P%d\", \"version\": 1}",
                            IntegrationStandIn.ORG, i, emails.get(i), i));
        }
        Files.write(dir.resolve(IntegrationStandIn.ORG + ".jsonl"), lines);
    }
}
