package io.securitycoach.cli;

import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.FreshSources;
import io.securitycoach.jobs.wiring.IntegrationFiles;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.local.LocalEnvironment;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.rules.Durations;
import io.securitycoach.standins.DemoIntegrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./coach run}: the embedded default. Starts the built-in receiver (unless --receiver), runs
 * the job on a local mini-cluster with the Flink Web UI, over the bundled samples or the given
 * inputs.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the pipeline on a local mini-cluster (Web UI on 127.0.0.1:8081).")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--bounded", description = "Read the inputs once, print a summary and exit.")
    boolean bounded;

    @Option(
            names = "--events",
            description =
                    "Events folder laid out <org_id>/<vendor>/*.jsonl (default samples/events).")
    Path events;

    @Option(
            names = "--users",
            description = "Directory JSON-lines file or folder (default samples/users).")
    Path users;

    @Option(
            names = "--rules",
            description = "Rules folder, one rule per file (default samples/rules).")
    Path rules;

    @Option(
            names = "--parsers",
            description =
                    "Orgs' parsing configurations for feeds the code does not know (default"
                            + " samples/parsers).")
    Path parsers;

    @Option(
            names = "--modules",
            description = "Coaching modules catalogue (default samples/modules.yaml).")
    Path modules;

    @Option(
            names = "--out",
            description =
                    "Output folder for the audit trail, receiver log and checkpoints "
                            + "(default out/run-<time>; must not already hold an audit trail).")
    Path out;

    @Option(
            names = "--receiver",
            description =
                    "Send every channel to this base URL (<URL>/<channel>) instead of the built-in"
                            + " receiver.")
    String receiverUrl;

    @Option(
            names = "--status-webhook",
            description = "Also POST every delivery status to this URL (signed like webhooks).")
    String statusWebhook;

    @Option(
            names = "--summary-json",
            description = "Write the run summary as JSON to this file (with --bounded).")
    Path summaryJson;

    @Option(
            names = "--web-port",
            defaultValue = "8081",
            description = "Flink Web UI port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int webPort;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Job parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--grace",
            defaultValue = "10m",
            description = "How long events wait for an unknown user (default ${DEFAULT-VALUE}).")
    String grace;

    @Option(
            names = "--from-savepoint",
            description =
                    "Restore from this savepoint (local or s3://). Without"
                        + " --users/--rules/--parsers the restored directory, rules and parsing"
                        + " configurations alone serve; with --bounded the given events are read in"
                        + " full.")
    String fromSavepoint;

    @Option(
            names = "--allow-non-restored-state",
            description =
                    "With --from-savepoint: drop the savepoint's state of operators this job does"
                        + " not have (see ./coach savepoint inspect). Always so with --bounded.")
    boolean allowNonRestoredState;

    @Option(
            names = "--integrations",
            description =
                    "The orgs' vendor API integrations: a file or folder of integration control"
                            + " messages (JSON or JSON lines), sent with the rules.")
    Path integrations;

    @Option(
            names = "--allow-local-integrations",
            description =
                    "Let integrations fetch from loopback or private addresses (local stand-ins"
                            + " only; an operator's flag, never a tenant's).")
    boolean allowLocalIntegrations;

    @Option(
            names = "--demo-integrations",
            description =
                    "Start a stand-in for every vendor API with generated events for the sample"
                        + " orgs and set up their integrations; with --bounded the run ends once"
                        + " each has fetched everything and a poll came back empty.")
    boolean demoIntegrations;

    /** The integration messages of this run (--integrations, --demo-integrations). */
    private final List<ControlMessage> integrationMessages = new ArrayList<>();

    /**
     * For an s3:// savepoint: --S3.endpoint, --S3.access-key, ... as the savepoint commands take
     * them.
     */
    @Mixin S3Options s3;

    @Override
    public Integer call() throws Exception {
        s3.initialize(null);
        Path home = CoachCli.home();
        Path outRoot = outputRoot(home);
        Path eventsRoot = orDefault(events, home.resolve("samples/events"));
        Path usersPath =
                inputOrNone(users, outRoot.resolve("no-users"), home.resolve("samples/users"));
        Path rulesPath =
                inputOrNone(rules, outRoot.resolve("no-rules"), home.resolve("samples/rules"));
        if (fromSavepoint != null) {
            Files.createDirectories(usersPath);
            Files.createDirectories(rulesPath);
        }
        String problem = inputProblem(outRoot.resolve("audit"), eventsRoot, usersPath, rulesPath);
        if (problem != null) {
            System.err.println("error: " + problem);
            return 2;
        }
        Files.createDirectories(outRoot);
        // Development secrets for this run, referenced by file like production ones (never in state
        // or logs).
        DevSecrets secrets = DevSecrets.create(outRoot.resolve("secrets"));
        LocalReceiver receiver = receiverUrl == null ? startReceiver(outRoot, secrets) : null;
        DemoIntegrations demo =
                demoIntegrations
                        ? DemoIntegrations.start(usersPath, outRoot.resolve("secrets"))
                        : null;
        try {
            integrationMessages.addAll(integrationMessages(demo));
            return runJob(home, outRoot, eventsRoot, usersPath, rulesPath, secrets, receiver);
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            if (demo != null) {
                demo.close();
            }
        }
    }

    private List<ControlMessage> integrationMessages(DemoIntegrations demo) {
        List<ControlMessage> messages = new ArrayList<>();
        if (integrations != null) {
            messages.addAll(IntegrationFiles.read(integrations.toAbsolutePath()));
        }
        if (demo != null) {
            messages.addAll(demo.messages());
        }
        return messages;
    }

    /** {@code --out}, else {@code out/run-<time>} under the coach's home. */
    private Path outputRoot(Path home) {
        if (out != null) {
            return out.toAbsolutePath();
        }
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return home.resolve("out").resolve("run-" + time);
    }

    /**
     * The given input, else the sample; restored, an input not given is none (the savepoint's state
     * serves), not the sample.
     */
    private Path inputOrNone(Path given, Path none, Path sample) {
        return orDefault(given, fromSavepoint != null ? none : sample);
    }

    /** Builds the job over the inputs and runs it, bounded or continuous. */
    private int runJob(
            Path home,
            Path outRoot,
            Path eventsRoot,
            Path usersPath,
            Path rulesPath,
            DevSecrets secrets,
            LocalReceiver receiver)
            throws Exception {
        JobSettings settings = settings(home, outRoot, secrets, receiver);
        Path inbox = outRoot.resolve("inbox");
        JobSources sources = sources(home, eventsRoot, inbox, usersPath, rulesPath);
        StreamExecutionEnvironment env = environment(outRoot);
        env.enableCheckpointing(bounded ? 1000 : settings.checkpointInterval.toMillis());
        Path audit = outRoot.resolve("audit");
        CoachJob.build(env, sources, AuditSinks.auditOnly(audit.toUri().toString()), settings);
        return bounded
                ? runBounded(env, audit)
                : runContinuous(env, eventsRoot, inbox, audit, outRoot, receiver);
    }

    /** Why the run cannot start (an input missing, an audit trail already there), or null. */
    private static String inputProblem(Path audit, Path... inputs) throws IOException {
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                return "input not found: " + p;
            }
        }
        return hasFiles(audit)
                ? audit + " already holds an audit trail; choose an empty --out"
                : null;
    }

    private LocalReceiver startReceiver(Path outRoot, DevSecrets secrets) throws IOException {
        return LocalReceiver.builder()
                .record(outRoot.resolve("receiver.jsonl"))
                .signingSecret(secrets.signingSecretValue)
                .echo(bounded ? null : System.out::println)
                .start();
    }

    private JobSettings settings(
            Path home, Path outRoot, DevSecrets secrets, LocalReceiver receiver)
            throws IOException {
        JobSettings settings = new JobSettings();
        settings.identityGrace = Durations.parse(grace);
        settings.integrations.allowLocal = allowLocalIntegrations || demoIntegrations;
        settings.notifier =
                secrets.applyTo(
                        NotifierSettings.allChannelsTo(
                                receiverUrl != null ? receiverUrl : receiver.baseUrl()));
        if (statusWebhook != null) {
            // Operator-given, like --receiver: allowed on a private host, passed by reference like
            // any URL.
            Path ref = outRoot.resolve("secrets").resolve("status-webhook-url");
            Files.writeString(ref, statusWebhook);
            settings.notifier.statusWebhookRef = "file:" + ref;
            settings.notifier.statusWebhookSigningRef =
                    "file:" + secrets.statusSigningSecret; // its own key
            settings.notifier.allowedOrigins.add(NotifierSettings.originOf(statusWebhook));
        }
        Path modulesFile = orDefault(modules, home.resolve("samples/modules.yaml"));
        if (modules != null || Files.exists(modulesFile)) {
            settings.notifier.modules =
                    CoachingModules.load(modulesFile); // validated: a bad catalogue stops here
        }
        return settings;
    }

    /**
     * The events (plus the inbox when continuous), the directory, and the rules and parsers as a
     * control snapshot.
     */
    private JobSources sources(
            Path home, Path eventsRoot, Path inbox, Path usersPath, Path rulesPath)
            throws IOException {
        List<String> eventRoots = new ArrayList<>(List.of(eventsRoot.toUri().toString()));
        if (!bounded) {
            Files.createDirectories(inbox);
            eventRoots.add(inbox.toUri().toString());
        }
        Path parsersPath =
                orDefault(
                        parsers,
                        home.resolve(fromSavepoint != null ? "out/no-parsers" : "samples/parsers"));
        List<ControlMessage> control = new ArrayList<>(integrationMessages);
        control.addAll(
                parsers != null || Files.isDirectory(parsersPath)
                        ? RuleFiles.snapshot(rulesPath, parsersPath)
                        : RuleFiles.snapshot(rulesPath));
        JobSources sources =
                new FileJobSources(
                        eventRoots,
                        usersPath.toUri().toString(),
                        control,
                        bounded ? null : Duration.ofSeconds(2));
        // Restored and bounded: read the given inputs in full against the restored state (the saved
        // source positions are dropped). Continuous: resume where the savepoint's sources were.
        return fromSavepoint != null && bounded ? new FreshSources(sources) : sources;
    }

    private StreamExecutionEnvironment environment(Path outRoot) {
        if (fromSavepoint == null) {
            return LocalEnvironment.create(
                    outRoot.resolve("checkpoints"), webPort, !bounded, parallelism);
        }
        return LocalEnvironment.restoring(
                outRoot.resolve("checkpoints"),
                webPort,
                !bounded,
                parallelism,
                savepointUri(fromSavepoint),
                bounded || allowNonRestoredState);
    }

    private int runBounded(StreamExecutionEnvironment env, Path audit) throws Exception {
        env.execute(CoachJob.NAME);
        RunSummary summary = RunSummary.fromAudit(audit);
        System.out.print(summary.toText());
        System.out.println("audit trail: " + audit);
        if (summaryJson != null) {
            Path parent = summaryJson.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(summaryJson, summary.toPrettyJson());
            System.out.println("summary: " + summaryJson.toAbsolutePath());
        }
        return 0;
    }

    private int runContinuous(
            StreamExecutionEnvironment env,
            Path eventsRoot,
            Path inbox,
            Path audit,
            Path outRoot,
            LocalReceiver receiver)
            throws Exception {
        JobClient job = env.executeAsync(CoachJob.NAME);
        Thread stopper =
                new Thread(
                        () -> {
                            System.out.println("\nStopping the job...");
                            try {
                                job.cancel().get(30, TimeUnit.SECONDS);
                            } catch (Exception ignored) {
                                // the JVM is exiting; nothing more to do
                            }
                        });
        Runtime.getRuntime().addShutdownHook(stopper);
        System.out.println("Security coach is running (job " + job.getJobID() + ").");
        System.out.println("  Flink Web UI:   http://127.0.0.1:" + webPort);
        System.out.println(
                "  Watching:       "
                        + eventsRoot
                        + " and "
                        + inbox
                        + " (drop files as <org_id>/<vendor>/name.jsonl)");
        System.out.println("  Audit trail:    " + audit + " (committed every checkpoint)");
        System.out.println(
                "  Deliveries:     "
                        + (receiver != null
                                ? outRoot.resolve("receiver.jsonl")
                                        + " (receiver "
                                        + receiver.baseUrl()
                                        + ")"
                                : receiverUrl));
        System.out.println("Ctrl-C stops it.");
        try {
            job.getJobExecutionResult().get();
        } catch (Exception e) {
            System.err.println("job ended: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /**
     * A URI as given (s3://..., or file:/... as Flink prints savepoint paths), else a local path.
     */
    private static String savepointUri(String path) {
        return path.contains(":/") ? path : Path.of(path).toAbsolutePath().toUri().toString();
    }

    private static Path orDefault(Path given, Path fallback) {
        return (given != null ? given : fallback).toAbsolutePath().normalize();
    }

    private static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(Files::isRegularFile);
        }
    }
}
