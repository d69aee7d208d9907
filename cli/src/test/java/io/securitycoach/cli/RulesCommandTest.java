package io.securitycoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.records.ControlMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./coach rules validate|test} on the shipped library and samples, and on broken input. */
class RulesCommandTest {
    private static final Path HOME = Paths.get(System.getProperty("coach.home", ".."));

    @TempDir Path dir;

    private String output;

    private int run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new CoachCli()).execute(args);
        } finally {
            System.setOut(original);
            output = buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theShippedLibraryAndSamplesAreValidAndTheirFixturesPass() {
        assertThat(
                        run(
                                "rules",
                                "validate",
                                HOME.resolve("rules-library").toString(),
                                HOME.resolve("samples/rules").toString()))
                .isZero();
        assertThat(output).contains("38 valid, 0 invalid"); // 28 in the library, 10 samples
        assertThat(run("rules", "test", HOME.resolve("rules-library").toString()))
                .as(output)
                .isZero();
        assertThat(output).contains("46 passed, 0 failed").doesNotContain("FAIL");
    }

    @Test
    void validateNamesFileFieldAndPosition() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                "id: r\norg: acme\nwhen: event.class == 'web' && event.url_categroy == 'x'\n"
                        + "coach: {module: m, channels: [slack], message: '{summary}'}\n");
        assertThat(run("rules", "validate", bad.toString())).isEqualTo(1);
        assertThat(output).contains("INVALID " + bad + ": when at 1:30: ").contains("url_categroy");
    }

    @Test
    void aFileThatIsNotUtf8IsThatFilesErrorAndTheOthersAreStillChecked() throws Exception {
        String rule =
                "id: %s\n"
                        + "org: acme\n"
                        + "when: event.class == 'web'\n"
                        + "coach: {module: m, channels: [slack]}\n";
        Files.writeString(dir.resolve("a.yaml"), String.format(rule, "a"));
        byte[] latin1 =
                String.format(rule, "b")
                        .replace("web'", "web' # caf\u00e9")
                        .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("b.yaml"), latin1);
        Files.writeString(dir.resolve("c.yaml"), String.format(rule, "c"));
        assertThat(run("rules", "validate", dir.toString())).isEqualTo(1);
        assertThat(output)
                .contains("ok      " + dir.resolve("a.yaml"))
                .contains(
                        "INVALID "
                                + dir.resolve("b.yaml")
                                + ": rule: cannot read: not valid UTF-8 (first bad byte at offset")
                .contains("ok      " + dir.resolve("c.yaml"))
                .contains("2 valid, 1 invalid");
    }

    @Test
    void theCliChecksExactlyTheFilesTheJobLoadsFromARulesFolder() throws Exception {
        String rule =
                "id: %s\n"
                        + "org: acme\n"
                        + "when: event.class == 'web'\n"
                        + "coach: {module: m, channels: [slack]}\n";
        for (String f :
                new String[] {
                    "a.yaml",
                    "_draft.yaml",
                    ".hidden.yaml",
                    "notes.txt",
                    "acme/b.yml",
                    "acme/c.json",
                    "acme/tests/case.yaml",
                    "_old/d.yaml",
                    "acme/2/3/4/5/6/7/8/deep.yaml",
                    "acme/2/3/4/5/6/7/8/9/too-deep.yaml"
                }) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            String json =
                    "{\"id\": \"c\", \"org\": \"acme\", \"when\": \"true\", "
                            + "\"coach\": {\"module\": \"m\", \"channels\": [\"slack\"]}}";
            Files.writeString(
                    p, f.endsWith(".json") ? json : String.format(rule, "r" + f.length()));
        }
        List<String> loaded =
                RuleFiles.snapshot(dir).stream()
                        .filter(m -> m.type.equals(ControlMessage.RULE_UPSERT))
                        .map(m -> m.source)
                        .collect(Collectors.toList());
        assertThat(loaded).containsExactly("a.yaml", "deep.yaml", "b.yml", "c.json");
        assertThat(RulesCommand.ruleFiles(List.of(dir)))
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(loaded);
    }

    @Test
    void aFailingFixtureFailsTheRun() throws Exception {
        Path rule = dir.resolve("r/rule.yaml");
        Files.createDirectories(rule.getParent().resolve("tests"));
        Files.writeString(
                rule,
                "id: r\norg: acme\nwhen: event.class == 'web'\n"
                        + "coach: {module: m, channels: [slack], message: '{summary}'}\n");
        Files.writeString(
                rule.getParent().resolve("tests/wrong.yaml"),
                "name: expects nothing but gets one\n"
                        + "events:\n"
                        + "  - {event_uid: e1, class: web, actor_email: a@acme.com, event_time:"
                        + " '2026-11-20T09:00:00Z'}\n"
                        + "expect: none\n");
        Files.writeString(
                rule.getParent().resolve("tests/right.yaml"),
                "name: one detection, unresolved\n"
                        + "events:\n"
                        + "  - {event_uid: e1, class: web, actor_email: a@acme.com, event_time:"
                        + " '2026-11-20T09:00:00Z'}\n"
                        + "expect:\n"
                        + "  - {user_id: null, event_uids: [e1]}\n");
        assertThat(run("rules", "test", dir.resolve("r").toString())).isEqualTo(1);
        assertThat(output)
                .contains("FAIL  expects nothing but gets one")
                .contains("expected none, got [(unresolved) [e1]]")
                .contains("PASS  one detection, unresolved")
                .contains("1 passed, 1 failed");
    }
}
