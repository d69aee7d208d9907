package io.securitycoach.cli;

import io.securitycoach.io.BoundedLineReader;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.normalize.parsers.CompiledParser;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.normalize.parsers.ParserConfigException;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

/**
 * {@code ./coach normalize --vendor NAME FILE...} (or {@code --config PARSING_CONFIG}): the job's normalizer on files, normalized events
 * as JSON lines on stdout, dead letters summarised on stderr. Exit 0 when all parsed, 1 when some
 * were dead letters, 2 on usage errors.
 */
@Command(name = "normalize", mixinStandardHelpOptions = true,
        description = "Normalize vendor records to the common schema (JSON lines on stdout).")
public final class NormalizeCommand implements Callable<Integer> {
    @Option(names = "--vendor", description = "Vendor name, or auto to detect it per record.")
    String vendor;

    @Option(names = "--config", description = "A parsing configuration (YAML/JSON) for a feed the code does not know.")
    Path config;

    @Option(names = "--org", defaultValue = "cli", description = "Org id to tag the events with (default ${DEFAULT-VALUE}).")
    String org;

    @Parameters(arity = "1..*", paramLabel = "FILE") List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VendorRegistry vendors = VendorRegistry.builtIn();
        if ((vendor == null) == (config == null)) {
            System.err.println("error: give --vendor NAME or --config PARSING_CONFIG (one of them)");
            return 2;
        }
        if (config != null) {
            CompiledParser parser;
            try {
                parser = ParserCompiler.compile(Files.readString(config), config.getFileName().toString());
            } catch (ParserConfigException e) {
                System.err.println("error: invalid parsing configuration:");
                e.errors().forEach(line -> System.err.println("  " + line));
                return 2;
            } catch (java.io.IOException e) {
                System.err.println("error: cannot read " + config + ": " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                System.err.println("error: cannot compile " + config + ": " + e); // a gap in the checks: still a usage error
                return 2;
            }
            vendors = vendors.plus(List.of(parser));
            vendor = parser.vendor();
            if ("cli".equals(org)) {
                org = parser.orgId();
            }
        }
        if (!VendorRegistry.AUTO.equals(vendor) && vendors.byName(vendor).isEmpty()) {
            System.err.println("error: unknown vendor '" + vendor + "'; known: " + vendors.names() + " or auto");
            return 2;
        }
        EventNormalizer normalizer = new EventNormalizer(vendors, EventNormalizer.DEFAULT_MAX_RECORD_CHARS);
        Map<String, Integer> deadLetters = new TreeMap<>();
        int events = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                System.err.println("error: no such file: " + file);
                return 2;
            }
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                 BoundedLineReader lines = new BoundedLineReader(new InputStreamReader(in, StandardCharsets.UTF_8),
                         EventNormalizer.DEFAULT_MAX_RECORD_CHARS)) {
                String line;
                int n = 0;
                while ((line = lines.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    long now = System.currentTimeMillis();
                    RawEvent record = new RawEvent(org, vendor, line, file + ":" + n, now);
                    for (EventNormalizer.Result r : normalizer.normalizeAll(record, now)) {
                        if (r.event != null) {
                            events++;
                            System.out.println(Json.write(r.event));
                        } else {
                            deadLetters.merge(r.deadLetter.reason, 1, Integer::sum);
                            System.err.println("dead letter " + r.deadLetter.origin + " " + r.deadLetter.reason
                                    + ": " + r.deadLetter.message);
                        }
                    }
                }
            }
        }
        System.err.println(events + " normalized, " + deadLetters.values().stream().mapToInt(Integer::intValue).sum()
                + " dead letters " + deadLetters);
        return deadLetters.isEmpty() ? 0 : 1;
    }
}
