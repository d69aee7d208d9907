package io.securitycoach.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.normalize.parsers.CompiledParser;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.normalize.parsers.ParserLibrary;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Normalization throughput per vendor on one thread, next to bare Jackson parsing of the same bytes
 * into a tree: the job's whole normalize step (parse, map, flatten the raw fields, checks) against
 * the floor any JSON pipeline pays. Inputs are the project's valid sample records of the vendor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class NormalizationBenchmark {
    /**
     * The six built-in vendors, the two example parsing configurations (samples/parsers) and the
     * library's configurations (parsers-library/, on their fixture records).
     */
    @Param({
        "okta",
        "zscaler",
        "proofpoint",
        "crowdstrike",
        "netskope",
        "defender",
        "mimecast-email",
        "generic-firewall",
        "abnormal-threats",
        "cloudflare-gateway-dns",
        "cloudflare-gateway-http",
        "cloudflare-gateway-network",
        "duo-auth",
        "duo-auth-v1",
        "duo-trust-monitor",
        "entra-signins",
        "github-audit",
        "google-workspace-bigquery-drive",
        "google-workspace-drive",
        "google-workspace-login",
        "mimecast-attachment-protect",
        "mimecast-siem-receipt",
        "mimecast-url-protect",
        "panos-url-threat",
        "sentinelone-threats",
        "slack-audit",
        "sophos-central",
        "umbrella-activity"
    })
    public String vendor;

    private final ObjectMapper mapper = Json.mapper();
    private EventNormalizer normalizer;
    private VendorRegistry vendors;
    private RawEvent[] records;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        normalizer = new EventNormalizer();
        Path home = Paths.get(System.getProperty("coach.home", "."));
        List<CompiledParser> parsers = new ArrayList<>();
        try (Stream<Path> configs = Files.list(home.resolve("samples/parsers"))) {
            for (Path c : configs.sorted().collect(Collectors.toList())) {
                parsers.add(
                        ParserCompiler.compile(Files.readString(c), c.getFileName().toString()));
            }
        }
        for (Path folder : ParserLibrary.vendors(home.resolve("parsers-library"))) {
            parsers.add(ParserLibrary.compileFor(folder, "bench"));
        }
        vendors = VendorRegistry.builtIn().plus(parsers);
        List<String> lines = new ArrayList<>();
        Path library = home.resolve("parsers-library").resolve(vendor);
        String sourceVendor = Files.isDirectory(library) ? vendor : "auto";
        try (Stream<Path> files =
                Files.isDirectory(library)
                        ? Stream.of(library.resolve(ParserLibrary.FIXTURES))
                        : Stream.concat(
                                Files.walk(home.resolve("samples/events")),
                                Files.walk(home.resolve("samples/vendors")))) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    long now = System.currentTimeMillis();
                    EventNormalizer.Result r =
                            normalizer.normalize(
                                    new RawEvent("bench", sourceVendor, line, "x", now),
                                    now,
                                    vendors);
                    if (r.event != null && r.event.vendor.equals(vendor)) {
                        lines.add(line);
                    }
                }
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException("no valid sample records for " + vendor);
        }
        records = new RawEvent[1024];
        for (int i = 0; i < records.length; i++) {
            records[i] = new RawEvent("bench", vendor, lines.get(i % lines.size()), "x", 0);
        }
    }

    @Benchmark
    public Object normalize() {
        RawEvent r = records[next];
        next = (next + 1) & (records.length - 1);
        return normalizer.normalize(r, 1_795_300_000_000L, vendors).event;
    }

    @Benchmark
    public Object jacksonTree() throws Exception {
        RawEvent r = records[next];
        next = (next + 1) & (records.length - 1);
        return mapper.readTree(r.payload);
    }
}
