package io.securitycoach.soak;

import io.securitycoach.local.generate.EventGenerator;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends generated events at a steady rate: the feeds of some vendors through one Kinesis stream per
 * org and vendor ({@code coach-soak-<org>-<vendor>}), the others as S3 drops ({@code
 * events/<org>/<vendor>/drop-N.jsonl}); first the directory, and canary rule changes on the control
 * stream as it goes. Everything sent is also written under the input folder, laid out as {@code
 * ./coach run --events} reads it, for the checker and the reference run.
 */
public final class SoakFeeder {
    static final long TICK_MILLIS = 200;

    /** What to send, how fast and where (the options of {@code ./coach soak feed}). */
    public static final class Options {
        public Path out;
        public long events;
        public double rate;
        public int orgs;
        public int usersPerOrg;
        public double risky;
        public double malformed;
        public long seed;
        public List<String> kinesisVendors;
        public int dropSeconds;
        public int controlEverySeconds;
        public String kinesisEndpoint;
        public String s3Endpoint;
        public String bucket;
        public String usersStream;
        public String controlStream;
        public Path progress;
    }

    private final Options o;
    private final EventGenerator generator;
    private final KinesisFeed kinesis;
    private final S3Feed s3;
    private final Set<String> kinesisVendors;
    private final Map<String, List<String>> kinesisBatch = new LinkedHashMap<>();
    private final Map<String, List<String>> s3Batch = new LinkedHashMap<>();
    private long drops;
    private long lastDrop = System.currentTimeMillis();
    private long controlChanges;

    public SoakFeeder(Options options, long startMillis) {
        this.o = options;
        this.generator =
                new EventGenerator(
                        o.orgs, o.usersPerOrg, o.risky, o.malformed, o.seed, startMillis, o.rate);
        this.kinesis = new KinesisFeed(o.kinesisEndpoint, new PatientHttp(false));
        this.s3 = new S3Feed(o.s3Endpoint, o.bucket, new PatientHttp(true));
        this.kinesisVendors = Set.copyOf(o.kinesisVendors);
    }

    static String streamOf(String org, String vendor) {
        return "coach-soak-" + org + "-" + vendor;
    }

    public void feedDirectory() throws IOException, InterruptedException {
        List<String> users = new ArrayList<>();
        for (long u = 0; u < generator.users(); u++) {
            users.add(Json.write(generator.user(u)));
        }
        kinesis.put(o.usersStream, users);
        Path file = o.out.resolve("users").resolve("directory.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, users, StandardCharsets.UTF_8);
    }

    /** Sends events 0 .. events-1 at the rate, then what is left in the batches. */
    public void feedEvents() throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        long n = 0;
        while (n < o.events) {
            long due =
                    Math.min(
                            o.events,
                            (long)
                                    ((System.currentTimeMillis() - t0 + TICK_MILLIS)
                                            / 1000.0
                                            * o.rate));
            for (; n < due; n++) {
                route(generator.event(n));
            }
            flushKinesis();
            if (System.currentTimeMillis() - lastDrop >= o.dropSeconds * 1000L) {
                flushS3();
            }
            controlChange(t0);
            progress(n);
            Thread.sleep(TICK_MILLIS);
        }
        flushKinesis();
        flushS3();
        progress(n);
    }

    private void route(RawEvent e) {
        String feed = e.orgId + "/" + e.vendor;
        (kinesisVendors.contains(e.vendor) ? kinesisBatch : s3Batch)
                .computeIfAbsent(feed, k -> new ArrayList<>())
                .add(e.payload);
    }

    private void flushKinesis() throws IOException, InterruptedException {
        for (Map.Entry<String, List<String>> b : kinesisBatch.entrySet()) {
            if (!b.getValue().isEmpty()) {
                String[] orgVendor = b.getKey().split("/");
                kinesis.put(streamOf(orgVendor[0], orgVendor[1]), b.getValue());
                append(
                        o.out.resolve("events").resolve(b.getKey()).resolve("kinesis.jsonl"),
                        b.getValue());
                b.getValue().clear();
            }
        }
    }

    private void flushS3() throws IOException, InterruptedException {
        for (Map.Entry<String, List<String>> b : s3Batch.entrySet()) {
            if (!b.getValue().isEmpty()) {
                String name = "drop-" + (drops++) + ".jsonl";
                String content = String.join("\n", b.getValue()) + "\n";
                s3.put("events/" + b.getKey() + "/" + name, content);
                append(o.out.resolve("events").resolve(b.getKey()).resolve(name), b.getValue());
                b.getValue().clear();
            }
        }
        lastDrop = System.currentTimeMillis();
    }

    private void controlChange(long t0) throws InterruptedException {
        if (o.controlEverySeconds <= 0
                || System.currentTimeMillis() - t0
                        < (controlChanges + 1) * o.controlEverySeconds * 1000L) {
            return;
        }
        List<String> changes = new ArrayList<>();
        for (int org = 0; org < o.orgs; org++) {
            changes.add(ControlChanges.change(generator.org(org), controlChanges));
        }
        kinesis.put(o.controlStream, changes);
        controlChanges++;
    }

    private void progress(long sent) throws IOException {
        if (o.progress != null) {
            Files.writeString(
                    o.progress, sent + " " + controlChanges + "\n", StandardCharsets.UTF_8);
        }
    }

    private static void append(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(
                file,
                lines,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
