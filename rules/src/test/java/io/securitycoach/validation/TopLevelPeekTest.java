package io.securitycoach.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopLevelPeekTest {
    @Test
    void readsScalarTopLevelValuesOfAnInvalidText() {
        assertThat(TopLevelPeek.values("org: acme\nid: r1\nwhen: [not, cel\n", "org", "id"))
                .containsExactly(null, null);
        assertThat(
                        TopLevelPeek.values(
                                "org: acme\nid: r1\nversion: nope\nwhen: {x: 1}",
                                "org",
                                "id",
                                "when"))
                .containsExactly("acme", "r1", null);
        assertThat(TopLevelPeek.values("{\"org\": \"acme\", \"parser\": 7}", "org", "parser"))
                .containsExactly("acme", "7");
    }

    @Test
    void unreadableOrOversizedTextsNameNothing() {
        assertThat(TopLevelPeek.values("- a list", "org")).containsExactly((String) null);
        assertThat(TopLevelPeek.values("org: acme\norg: other\n", "org"))
                .as("duplicate keys")
                .containsExactly((String) null);
        assertThat(TopLevelPeek.values("org: acme\nx: '" + "y".repeat(70_000) + "'\n", "org"))
                .as("over the 64 KiB bound")
                .containsExactly((String) null);
    }
}
