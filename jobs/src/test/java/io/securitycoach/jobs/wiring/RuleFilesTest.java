package io.securitycoach.jobs.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules folder as control messages: each for the org its text names, read as strictly as the
 * CLI reads it.
 */
class RuleFilesTest {
    private static final String RULE =
            "id: %s\norg: %s\nwhen: event.class == 'web'\ncoach: {module: m, channels: [slack]}\n";

    @TempDir Path dir;

    @Test
    void eachFileIsSentForItsOrgAndABadFileIsRefusedWithItsReason() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), String.format(RULE, "a", "acme"));
        Files.write(
                dir.resolve("b.yaml"),
                String.format(RULE, "b", "acme")
                        .replace("web'", "web' # caf\u00e9")
                        .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("c.yaml"), String.format(RULE, "c", "globex"));
        Files.writeString(dir.resolve("d.yaml"), "id: [unclosed\n");
        Files.write(dir.resolve("e.yaml"), new byte[2 << 20]);

        List<ControlMessage> messages = RuleFiles.snapshot(dir);

        assertThat(messages)
                .extracting(m -> m.type + " " + m.orgId + " " + m.source)
                .containsExactly(
                        "rule_upsert acme a.yaml",
                        "refused null b.yaml",
                        "rule_upsert globex c.yaml",
                        "refused null d.yaml",
                        "refused null e.yaml",
                        "snapshot_end null " + dir.toUri());
        assertThat(messages.get(1).reasons())
                .singleElement()
                .asString()
                .isEqualTo("b.yaml: not valid UTF-8 (first bad byte at offset 48)");
        assertThat(messages.get(3).reasons())
                .singleElement()
                .asString()
                .startsWith("d.yaml: names no readable org");
        assertThat(messages.get(4).reasons())
                .singleElement()
                .asString()
                .startsWith("e.yaml: file is over 1048576 bytes");
    }

    /**
     * Issue 28: a folder below the top is an org's channel; what it holds may only speak for that
     * org.
     */
    @Test
    void anOrgsFolderSpeaksOnlyForThatOrg() throws Exception {
        Files.createDirectories(dir.resolve("evil/nested"));
        Files.createDirectories(dir.resolve("acme"));
        Files.createDirectories(dir.resolve("Not_An_Org"));
        Files.writeString(dir.resolve("acme/a.yaml"), String.format(RULE, "a", "acme"));
        Files.writeString(dir.resolve("evil/e.yaml"), String.format(RULE, "e", "evil"));
        Files.writeString(dir.resolve("evil/nested/x.yaml"), String.format(RULE, "x", "acme"));
        Files.writeString(dir.resolve("evil/u.yaml"), "id: [unclosed\n");
        Files.writeString(dir.resolve("Not_An_Org/n.yaml"), String.format(RULE, "n", "acme"));
        Files.writeString(dir.resolve("top.yaml"), String.format(RULE, "t", "globex"));

        List<ControlMessage> messages = RuleFiles.snapshot(dir);

        assertThat(messages)
                .extracting(m -> m.type + " " + m.orgId + " " + m.source)
                .containsExactly(
                        "refused null n.yaml",
                        "rule_upsert acme a.yaml",
                        "rule_upsert evil e.yaml",
                        "refused evil x.yaml",
                        "refused evil u.yaml",
                        "rule_upsert globex top.yaml",
                        "snapshot_end null " + dir.toUri());
        assertThat(messages.get(3).reasons())
                .containsExactly(
                        "org_id: this channel speaks for org 'evil' only; the message names org"
                                + " 'acme'");
        assertThat(messages.get(0).reasons())
                .singleElement()
                .asString()
                .startsWith("n.yaml: is in folder 'Not_An_Org', which is no org id");
    }
}
