package io.securitycoach.cli;

import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.rules.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./coach receiver}: the built-in notification receiver on its own. */
@Command(
        name = "receiver",
        mixinStandardHelpOptions = true,
        description = "Run the local notification receiver (webhook, slack, teams) until Ctrl-C.")
public final class ReceiverCommand implements Callable<Integer> {
    @Option(
            names = "--port",
            defaultValue = "8787",
            description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--record",
            description =
                    "Append every request as a JSON line to this file (default"
                            + " out/receiver.jsonl).")
    Path record;

    @Option(
            names = "--fail-rate",
            defaultValue = "0",
            description = "Share of requests answered 503.")
    double failRate;

    @Option(
            names = "--throttle-rate",
            defaultValue = "0",
            description = "Share of requests answered 429 with Retry-After.")
    double throttleRate;

    @Option(
            names = "--slow-rate",
            defaultValue = "0",
            description = "Share of answers held back past the client timeout.")
    double slowRate;

    @Option(
            names = "--slow-ms",
            defaultValue = "15000",
            description = "How long a slow answer takes (default ${DEFAULT-VALUE}).")
    long slowMillis;

    @Option(
            names = "--signing-secret-file",
            description = "Check webhook signatures with the secret in this file.")
    Path signingSecretFile;

    @Option(
            names = "--signature-window",
            defaultValue = "5m",
            description =
                    "How far a webhook's X-Coach-Timestamp may be from now (default"
                            + " ${DEFAULT-VALUE}).")
    String signatureWindow;

    @Override
    public Integer call() throws Exception {
        Path file =
                record != null ? record : CoachCli.home().resolve("out").resolve("receiver.jsonl");
        CountDownLatch stop = new CountDownLatch(1);
        try (LocalReceiver receiver =
                LocalReceiver.builder()
                        .port(port)
                        .record(file)
                        .failRate(failRate)
                        .throttleRate(throttleRate)
                        .slowRate(slowRate)
                        .slowMillis(slowMillis)
                        .signingSecret(
                                signingSecretFile == null
                                        ? null
                                        : Files.readString(signingSecretFile).trim())
                        .signatureWindow(Durations.parse(signatureWindow))
                        .echo(System.out::println)
                        .start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.out.println(
                    "Receiver listening on "
                            + receiver.baseUrl()
                            + " (Slack API under /slack/api, Teams at /teams, webhooks at"
                            + " /webhook)");
            System.out.println("Recording requests to " + file.toAbsolutePath());
            stop.await();
        }
        return 0;
    }
}
