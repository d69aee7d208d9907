package io.securitycoach.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.rules.RuleCompiler;
import io.securitycoach.rules.RuleDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code event.raw} is made for a rule only when the rule reads it: a rule that does not leaves the
 * record's text unflattened; one that does reads the flattened, cut fields.
 */
class RawValueTest {
    private static final String RECORD =
            "{\"dlp\":{\"engine\":\"PCI\",\"hits\":[3,4]},\"note\":\"" + "n".repeat(5_000) + "\"}";

    private final RuleCompiler compiler = new RuleCompiler();

    private boolean matches(String when, SecurityEvent e) throws Exception {
        return matches(when, EventSchema.eventValue(e));
    }

    private boolean matches(String when, Map<String, Object> eventValue) throws Exception {
        RuleDefinition r = new RuleDefinition();
        r.orgId = "acme";
        r.ruleId = "r";
        r.version = 1;
        r.when = when;
        return compiler.compile(r).matches(eventValue, EventSchema.userValue(null));
    }

    private static SecurityEvent event() {
        SecurityEvent e = new SecurityEvent();
        e.orgId = "acme";
        e.eventClass = "web";
        e.raw = RawFields.deferred(RECORD);
        return e;
    }

    @Test
    void aRuleThatReadsNoVendorFieldLeavesTheTextUnflattened() throws Exception {
        SecurityEvent e = event();
        Map<String, Object> value = EventSchema.eventValue(e);
        assertThat(matches("event.class == 'web' && event.url == ''", value)).isTrue();
        assertThat(((RawValue) value.get("raw")).made()).isFalse();
        assertThat(e.raw.isDeferred()).isTrue();
        assertThat(matches("event.raw['dlp.engine'] == 'PCI'", value)).isTrue();
        assertThat(((RawValue) value.get("raw")).made())
                .as("made by the rule that reads it")
                .isTrue();
    }

    @Test
    void aRuleThatReadsOneGetsTheFlattenedCutFields() throws Exception {
        SecurityEvent e = event();
        assertThat(matches("event.raw['dlp.engine'] == 'PCI' && event.raw['dlp.hits.1'] == '4'", e))
                .isTrue();
        assertThat(matches("has(event.raw.note) && size(event.raw['note']) == 2048", e)).isTrue();
        assertThat(matches("'dlp.hits.0' in event.raw && size(event.raw) == 4", e)).isTrue();
        assertThat(matches("!('missing' in event.raw)", e)).isTrue();
        assertThat(e.raw.isDeferred()).isFalse();
    }
}
