package io.securitycoach.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.normalize.parsers.CompiledParser;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.records.RawEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mutated valid records of every vendor and of both example parsing configurations: normalizing
 * never throws, each record becomes exactly one event or one dead letter, and no dead letter is a
 * caught crash ({@code normalizer_error}). A fixed number of seeded tries per vendor keeps it short
 * and repeatable; a failure prints the record to add as a regression case.
 */
class VendorNormalizerFuzzTest {
    static final Path SAMPLES =
            Paths.get(System.getProperty("coach.home", "..")).resolve("samples");
    private static final int TRIES = 5000;
    private static final long NOW = 1795300000000L;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "okta | events/acme/okta/okta-system-log-2026-11-20.jsonl | ",
                "zscaler | events/acme/zscaler/zscaler-nss-web-2026-11-20.jsonl | ",
                "proofpoint | vendors/proofpoint.jsonl | ",
                "crowdstrike | vendors/crowdstrike.jsonl | ",
                "netskope | vendors/netskope.jsonl | ",
                "defender | vendors/defender.jsonl | ",
                "mimecast-email | vendors/mimecast-email.jsonl | parsers/mimecast-email.yaml",
                "generic-firewall | vendors/generic-firewall.jsonl | parsers/generic-firewall.yaml"
            })
    void mutatedRecordsBecomeExactlyOneEventOrDeadLetter(
            String vendor, String records, String config) throws Exception {
        VendorRegistry vendors = VendorRegistry.builtIn();
        String org = "acme";
        if (config != null) {
            CompiledParser parser =
                    ParserCompiler.compile(Files.readString(SAMPLES.resolve(config)), config);
            vendors = vendors.plus(List.of(parser));
            org = parser.orgId();
        }
        List<String> valid =
                Files.readAllLines(SAMPLES.resolve(records)).stream()
                        .filter(l -> !l.isBlank())
                        .collect(Collectors.toList());
        EventNormalizer normalizer = new EventNormalizer();
        Mutations mutations = new Mutations(vendor.hashCode());
        int events = 0;
        for (int i = 0; i < TRIES; i++) {
            String record = mutations.json(mutations.pick(valid));
            String as = i % 5 == 0 ? VendorRegistry.AUTO : vendor;
            EventNormalizer.Result r;
            try {
                r =
                        normalizer.normalize(
                                new RawEvent(org, as, record, "fuzz:" + i, NOW), NOW, vendors);
            } catch (Throwable t) {
                throw new AssertionError(
                        "normalize threw on try " + i + " (" + as + "): " + record, t);
            }
            assertThat(r.event == null)
                    .as("one of event and dead letter, try %d: %s", i, record)
                    .isNotEqualTo(r.deadLetter == null);
            if (r.deadLetter != null && "normalizer_error".equals(r.deadLetter.reason)) {
                fail(
                        "a crash caught as normalizer_error on try "
                                + i
                                + " ("
                                + as
                                + "): "
                                + r.deadLetter.message
                                + "\n"
                                + record);
            }
            events += r.event == null ? 0 : 1;
        }
        assertThat(events).as("the mutations leave some records valid").isPositive();
    }
}
