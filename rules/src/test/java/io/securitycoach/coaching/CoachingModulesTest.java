package io.securitycoach.coaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoachingModulesTest {
    @TempDir Path dir;

    @Test
    void theSampleCatalogueLoadsAndPicksTemplates() throws Exception {
        CoachingModules m = CoachingModules.load(Paths.get("..", "samples", "modules.yaml"));
        assertThat(m.module("phishing-101").url)
                .isEqualTo("https://learn.example.com/modules/phishing-101");
        assertThat(m.templateFor("Rule's own {summary}", "phishing-101"))
                .isEqualTo("Rule's own {summary}");
        assertThat(m.templateFor(null, "phishing-101"))
                .contains("{why}")
                .contains("{module_title}");
        assertThat(m.module("nope")).isNull();
    }

    @Test
    void everyProblemIsReportedWithItsModule() throws IOException {
        Path bad = dir.resolve("m.yaml");
        Files.writeString(
                bad,
                "default_template: 'Hi {nick}'\n"
                        + "modules:\n"
                        + "  a:\n"
                        + "    title: A\n"
                        + "    url: http://plain.example\n"
                        + "    template: '{first_name} {oops}'\n");
        assertThatThrownBy(() -> CoachingModules.load(bad))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("default_template: unknown placeholder {nick}")
                .hasMessageContaining("modules.a.why: missing")
                .hasMessageContaining("modules.a.url: expected an https:// link")
                .hasMessageContaining("modules.a.template: unknown placeholder {oops}");
    }
}
