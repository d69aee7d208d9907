package io.securitycoach.cli;

import io.securitycoach.io.BoundedLineReader;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.normalize.NormalizationReport;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.normalize.parsers.CompiledParser;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.normalize.parsers.ParserConfigException;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.OrgIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./coach normalize --vendor NAME FILE...} (or {@code --config PARSING_CONFIG}): the job's
 * normalizer on files, normalized events as JSON lines on stdout, dead letters summarised on
 * stderr; with {@code --report} or {@code --report-json}, a feed report instead of the events (per
 * vendor and record type: records, events, dead letters by reason with an example, field coverage).
 * Exit 0 when all parsed, 1 when some were dead letters, 2 on usage errors.
 */
@Command(
        name = "normalize",
        mixinStandardHelpOptions = true,
        description =
                "Normalize vendor records to the common schema (JSON lines on stdout), or report on"
                        + " a feed.")
public final class NormalizeCommand implements Callable<Integer> {
    @Option(names = "--vendor", description = "Vendor name, or auto to detect it per record.")
    String vendor;

    @Option(
            names = "--config",
            description = "A parsing configuration (YAML/JSON) for a feed the code does not know.")
    Path config;

    @Option(
            names = "--org",
            defaultValue = "cli",
            description = "Org id to tag the events with (default ${DEFAULT-VALUE}).")
    String org;

    @Option(
            names = "--report",
            description =
                    "Print a feed report (per vendor the share of unknown verdicts; per"
                            + " record type records, events, dead letters, unknown verdicts,"
                            + " field coverage) instead of the events.")
    boolean report;

    @Option(names = "--report-json", description = "As --report, as JSON.")
    boolean reportJson;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    private final Map<String, Integer> deadLetters = new TreeMap<>();
    private int events;

    @Override
    public Integer call() throws Exception {
        if ((vendor == null) == (config == null)) {
            System.err.println(
                    "error: give --vendor NAME or --config PARSING_CONFIG (one of them)");
            return 2;
        }
        VendorRegistry vendors =
                config == null ? VendorRegistry.builtIn() : withConfig(VendorRegistry.builtIn());
        if (vendors == null) {
            return 2;
        }
        if (!OrgIds.isValid(org)) {
            System.err.println("error: --org: " + OrgIds.problem(org));
            return 2;
        }
        if (!VendorRegistry.AUTO.equals(vendor) && vendors.byName(vendor).isEmpty()) {
            System.err.println(
                    "error: unknown vendor '"
                            + vendor
                            + "'; known: "
                            + vendors.names()
                            + " or auto");
            return 2;
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                System.err.println("error: no such file: " + file);
                return 2;
            }
        }
        NormalizationReport feedReport = new NormalizationReport();
        EventNormalizer normalizer =
                new EventNormalizer(vendors, EventNormalizer.DEFAULT_MAX_RECORD_CHARS);
        for (Path file : files) {
            read(file, normalizer, feedReport);
        }
        printReport(feedReport);
        System.err.println(
                events
                        + " normalized, "
                        + deadLetters.values().stream().mapToInt(Integer::intValue).sum()
                        + " dead letters "
                        + deadLetters);
        return deadLetters.isEmpty() ? 0 : 1;
    }

    /**
     * The built-ins plus the configuration's parser; null (after saying why) when it cannot be
     * used.
     */
    private VendorRegistry withConfig(VendorRegistry builtIn) {
        CompiledParser parser;
        try {
            parser =
                    ParserCompiler.compile(
                            Files.readString(config), config.getFileName().toString());
        } catch (ParserConfigException e) {
            System.err.println("error: invalid parsing configuration:");
            e.messages().forEach(line -> System.err.println("  " + line));
            return null;
        } catch (IOException e) {
            System.err.println("error: cannot read " + config + ": " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            System.err.println(
                    "error: cannot compile "
                            + config
                            + ": "
                            + e); // a gap in the checks: still a usage error
            return null;
        }
        vendor = parser.vendor();
        if ("cli".equals(org)) {
            org = parser.orgId();
        }
        return builtIn.plus(List.of(parser));
    }

    private void read(Path file, EventNormalizer normalizer, NormalizationReport feedReport)
            throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BoundedLineReader lines =
                        new BoundedLineReader(
                                new InputStreamReader(in, StandardCharsets.UTF_8),
                                EventNormalizer.DEFAULT_MAX_RECORD_CHARS)) {
            String line;
            int n = 0;
            while ((line = lines.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    long now = System.currentTimeMillis();
                    List<EventNormalizer.Result> results =
                            normalizer.normalizeAll(
                                    new RawEvent(org, vendor, line, file + ":" + n, now), now);
                    feedReport.add(results);
                    results.forEach(this::print);
                }
            }
        }
    }

    private void print(EventNormalizer.Result r) {
        if (r.event != null) {
            events++;
            if (!report && !reportJson) {
                System.out.println(Json.write(r.event));
            }
        } else {
            deadLetters.merge(r.deadLetter.reason, 1, Integer::sum);
            System.err.println(
                    "dead letter "
                            + r.deadLetter.origin
                            + " "
                            + r.deadLetter.reason
                            + ": "
                            + r.deadLetter.message);
        }
    }

    private void printReport(NormalizationReport feedReport) throws IOException {
        if (reportJson) {
            System.out.println(
                    Json.mapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(feedReport.json()));
        } else if (report) {
            System.out.print(feedReport.text());
        }
    }
}
