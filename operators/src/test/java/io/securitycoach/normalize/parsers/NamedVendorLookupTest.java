package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.records.RawEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The normalizer remembers the last vendor a record named: each org's registry must still answer
 * with its own configuration of that name, and an unknown name must still be a dead letter.
 */
class NamedVendorLookupTest {
    private static final long NOW = 1_772_701_200_000L;
    private static final String RECORD = "{\"t\": 1772701200000, \"u\": \"ada@acme.example\"}";

    private static VendorRegistry registryWith(String org, String product) throws Exception {
        String config =
                "parser: feed-x\norg: "
                        + org
                        + "\nversion: 1\nproduct: "
                        + product
                        + "\nclass: web\nrecognize: [t, u]\nfields:\n"
                        + "  event_time: {path: t, format: epoch_millis}\n"
                        + "  actor: {path: u}\n";
        return VendorRegistry.builtIn().plus(List.of(ParserCompiler.compile(config, "x.yaml")));
    }

    private static String product(EventNormalizer n, String org, VendorRegistry vendors) {
        EventNormalizer.Result r =
                n.normalize(new RawEvent(org, "feed-x", RECORD, "t", 0), NOW, vendors);
        return r.event.product;
    }

    @Test
    void eachRegistryAnswersWithItsOwnConfigurationOfTheName() throws Exception {
        VendorRegistry acme = registryWith("acme", "Acme Proxy");
        VendorRegistry globex = registryWith("globex", "Globex Proxy");
        EventNormalizer n = new EventNormalizer();

        assertThat(product(n, "acme", acme)).isEqualTo("Acme Proxy");
        assertThat(product(n, "globex", globex)).isEqualTo("Globex Proxy");
        assertThat(product(n, "acme", acme)).isEqualTo("Acme Proxy");
    }

    @Test
    void anUnknownNameAfterAKnownOneIsStillADeadLetter() throws Exception {
        VendorRegistry acme = registryWith("acme", "Acme Proxy");
        EventNormalizer n = new EventNormalizer();
        assertThat(product(n, "acme", acme)).isEqualTo("Acme Proxy");

        EventNormalizer.Result r =
                n.normalize(new RawEvent("acme", "feed-y", RECORD, "t", 0), NOW, acme);

        assertThat(r.event).isNull();
        assertThat(r.deadLetter.reason).isEqualTo("unknown_vendor");
    }
}
