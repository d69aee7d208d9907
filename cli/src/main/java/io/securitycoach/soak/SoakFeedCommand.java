package io.securitycoach.soak;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./coach soak feed}: the soak's steady producer (see {@link SoakFeeder}). */
@Command(
        name = "feed",
        mixinStandardHelpOptions = true,
        description =
                "Send generated events at a steady rate through Kinesis streams and S3 drops; write"
                        + " what was sent under --out.")
final class SoakFeedCommand implements Callable<Integer> {
    @Option(
            names = "--out",
            required = true,
            description =
                    "Input folder: events/<org>/<vendor>/*.jsonl and users/directory.jsonl as"
                            + " sent.")
    Path out;

    @Option(names = "--events", defaultValue = "1000000")
    long events;

    @Option(
            names = "--rate",
            defaultValue = "1000",
            description = "Events per second, sent and of event time (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--orgs", defaultValue = "3")
    int orgs;

    @Option(names = "--users-per-org", defaultValue = "200")
    int usersPerOrg;

    @Option(names = "--risky", defaultValue = "0.02")
    double risky;

    @Option(names = "--malformed", defaultValue = "0.005")
    double malformed;

    @Option(names = "--seed", defaultValue = "17")
    long seed;

    @Option(names = "--start-ms", description = "Event time of record 0, epoch ms (default: now).")
    Long startMillis;

    @Option(
            names = "--kinesis-vendors",
            split = ",",
            defaultValue = "okta,crowdstrike,zscaler",
            description =
                    "Vendors fed through Kinesis (one stream per org and vendor); the others as S3"
                            + " drops.")
    List<String> kinesisVendors;

    @Option(
            names = "--drop-seconds",
            defaultValue = "5",
            description = "An S3 drop per feed every this many seconds.")
    int dropSeconds;

    @Option(
            names = "--control-every-seconds",
            defaultValue = "20",
            description = "A canary rule change per org this often (0: none).")
    int controlEverySeconds;

    @Option(names = "--kinesis-endpoint", defaultValue = "http://127.0.0.1:4567")
    String kinesisEndpoint;

    @Option(names = "--s3-endpoint", defaultValue = "http://127.0.0.1:9000")
    String s3Endpoint;

    @Option(names = "--bucket", defaultValue = "coach")
    String bucket;

    @Option(names = "--users-stream", defaultValue = "coach-users")
    String usersStream;

    @Option(names = "--control-stream", defaultValue = "coach-control")
    String controlStream;

    @Option(
            names = "--progress",
            description = "Rewrite this file with 'events-sent control-changes' as it goes.")
    Path progress;

    @Option(names = "--directory-only", description = "Send the directory and stop.")
    boolean directoryOnly;

    @Option(names = "--no-directory", description = "Do not send the directory (sent before).")
    boolean noDirectory;

    @Override
    public Integer call() throws Exception {
        SoakFeeder feeder =
                new SoakFeeder(
                        options(), startMillis != null ? startMillis : System.currentTimeMillis());
        if (!noDirectory) {
            feeder.feedDirectory();
        }
        if (!directoryOnly) {
            feeder.feedEvents();
        }
        return 0;
    }

    private SoakFeeder.Options options() {
        SoakFeeder.Options o = new SoakFeeder.Options();
        o.out = out;
        o.events = events;
        o.rate = rate;
        o.orgs = orgs;
        o.usersPerOrg = usersPerOrg;
        o.risky = risky;
        o.malformed = malformed;
        o.seed = seed;
        o.kinesisVendors = kinesisVendors;
        o.dropSeconds = dropSeconds;
        o.controlEverySeconds = controlEverySeconds;
        o.kinesisEndpoint = kinesisEndpoint;
        o.s3Endpoint = s3Endpoint;
        o.bucket = bucket;
        o.usersStream = usersStream;
        o.controlStream = controlStream;
        o.progress = progress;
        return o;
    }
}
