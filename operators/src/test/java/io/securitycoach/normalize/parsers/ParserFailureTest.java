package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.SecurityEvent;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * A configuration that throws at run time is named as the culprit, so the stage can disable it for
 * its org.
 */
class ParserFailureTest {
    private static CompiledParser failingAt(String target) {
        FieldMapping time =
                new FieldMapping(
                        "event_time",
                        new ValuePath[] {ValuePath.compile("t")},
                        null,
                        new Transform[0],
                        true);
        FieldMapping actor =
                new FieldMapping(
                        "actor",
                        new ValuePath[] {ValuePath.compile("u")},
                        null,
                        new Transform[0],
                        false);
        Transform gap =
                v -> {
                    throw new IllegalStateException("a gap in the compiler's checks");
                };
        FieldMapping field =
                new FieldMapping(
                        target,
                        new ValuePath[] {ValuePath.compile("a")},
                        null,
                        new Transform[] {gap},
                        false);
        @SuppressWarnings("unchecked")
        BiConsumer<SecurityEvent, String>[] setters = new BiConsumer[] {(e, v) -> {}};
        return new CompiledParser(
                "feed-x",
                "acme",
                2,
                "Feed X",
                "web",
                0,
                "network",
                new ValuePath[] {ValuePath.compile("u")},
                time,
                TimeFormat.of("epoch_millis", null),
                actor,
                new FieldMapping[] {field},
                setters,
                null,
                new CompiledParser.PerElement(null, null, false));
    }

    @Test
    void aConfigurationThatThrowsIsNamedInTheResult() {
        VendorRegistry vendors = VendorRegistry.builtIn().plus(List.of(failingAt("app")));
        String record =
                "{\"t\": " + System.currentTimeMillis() + ", \"u\": \"a@acme.com\", \"a\": \"x\"}";
        EventNormalizer.Result r =
                new EventNormalizer()
                        .normalize(
                                new RawEvent("acme", "feed-x", record, "test", 0),
                                System.currentTimeMillis(),
                                vendors);
        assertThat(r.event).isNull();
        assertThat(r.deadLetter.reason).isEqualTo("normalizer_error");
        assertThat(r.failedParser).isNotNull();
        assertThat(r.failedParser.orgId()).isEqualTo("acme");
        assertThat(r.failedParser.parser()).isEqualTo("feed-x");
        assertThat(r.failedParser.version()).isEqualTo(2);
        assertThat(r.failedParser.getMessage()).contains("a gap in the compiler's checks");
    }

    @Test
    void aBadRecordIsNotTheConfigurationsFault() {
        VendorRegistry vendors = VendorRegistry.builtIn().plus(List.of(failingAt("app")));
        RawEvent noTime = new RawEvent("acme", "feed-x", "{\"u\": \"a@acme.com\"}", "test", 0);
        EventNormalizer.Result r =
                new EventNormalizer().normalize(noTime, System.currentTimeMillis(), vendors);
        assertThat(r.deadLetter.reason).isEqualTo("missing_time");
        assertThat(r.failedParser).isNull();
    }
}
