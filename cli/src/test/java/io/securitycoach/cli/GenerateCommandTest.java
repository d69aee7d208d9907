package io.securitycoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.records.RawEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
    @TempDir Path dir;

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void generatesEveryVendorReproduciblyWithTheAskedShareOfMalformedRecords() throws Exception {
        String[] args = {
            "generate",
            "--events",
            "3000",
            "--orgs",
            "3",
            "--users",
            "20",
            "--malformed",
            "0.05",
            "--start",
            "2026-11-20T08:00:00Z",
            "--seed",
            "7"
        };
        assertThat(
                        new CommandLine(new CoachCli())
                                .execute(concat(args, "--out", dir.resolve("a").toString())))
                .isZero();
        assertThat(
                        new CommandLine(new CoachCli())
                                .execute(concat(args, "--out", dir.resolve("b").toString())))
                .isZero();

        List<Path> a = files(dir.resolve("a"));
        assertThat(a).hasSize(1 + 3 * 6); // the directory, and one file per org and vendor
        for (Path f : a) {
            assertThat(Files.readAllBytes(f))
                    .as("same seed, same bytes: " + f)
                    .isEqualTo(
                            Files.readAllBytes(
                                    dir.resolve("b").resolve(dir.resolve("a").relativize(f))));
        }
        assertThat(Files.readAllLines(dir.resolve("a/users/directory.jsonl"))).hasSize(60);

        EventNormalizer normalizer = new EventNormalizer();
        long now = Instant.parse("2026-11-21T00:00:00Z").toEpochMilli();
        int ok = 0;
        int dead = 0;
        for (Path f : files(dir.resolve("a/events"))) {
            String vendor = f.getParent().getFileName().toString();
            String org = f.getParent().getParent().getFileName().toString();
            for (String line : Files.readAllLines(f)) {
                EventNormalizer.Result r =
                        normalizer.normalize(
                                new RawEvent(org, vendor, line, f.toString(), now), now);
                if (r.event != null) ok++;
                else dead++;
            }
        }
        assertThat(ok + dead).isEqualTo(3000);
        assertThat(dead).as("about 5% malformed, every one a dead letter").isBetween(100, 200);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
