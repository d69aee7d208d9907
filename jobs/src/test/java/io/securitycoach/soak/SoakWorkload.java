package io.securitycoach.soak;

import io.securitycoach.local.generate.EventGenerator;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A small soak input on disk: generated events laid out {@code
 * events/<org>/<vendor>/generated.jsonl}, the directory they refer to, and every rule of
 * rules-library/ rewritten for each org.
 */
final class SoakWorkload {
    final Path events;
    final Path users;
    final Path rules;
    final Path parsers;

    SoakWorkload(Path dir, Path library, int orgs, int usersPerOrg, long count, long seed)
            throws IOException {
        events = dir.resolve("input").resolve("events");
        users = dir.resolve("input").resolve("users").resolve("directory.jsonl");
        rules = dir.resolve("rules");
        parsers = Files.createDirectories(dir.resolve("parsers"));
        EventGenerator g =
                new EventGenerator(orgs, usersPerOrg, 0.15, 0.02, seed, 1_795_000_000_000L, 50);
        Files.createDirectories(users.getParent());
        try (Stream<Long> all = Stream.iterate(0L, u -> u + 1).limit(g.users())) {
            Files.write(
                    users,
                    all.map(u -> Json.write(g.user(u))).collect(Collectors.toList()),
                    StandardCharsets.UTF_8);
        }
        for (long n = 0; n < count; n++) {
            RawEvent e = g.event(n);
            Path f = events.resolve(e.orgId).resolve(e.vendor).resolve("generated.jsonl");
            Files.createDirectories(f.getParent());
            Files.write(
                    f,
                    List.of(e.payload),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        writeRules(library, g, orgs);
    }

    private void writeRules(Path library, EventGenerator g, int orgs) throws IOException {
        Files.createDirectories(rules);
        List<Path> kinds;
        try (Stream<Path> list = Files.list(library)) {
            kinds =
                    list.filter(p -> Files.exists(p.resolve("rule.yaml")))
                            .sorted()
                            .collect(Collectors.toList());
        }
        for (int o = 0; o < orgs; o++) {
            for (Path kind : kinds) {
                String text =
                        Files.readString(kind.resolve("rule.yaml"), StandardCharsets.UTF_8)
                                .replaceFirst("(?m)^org: .*$", "org: " + g.org(o));
                Files.writeString(
                        rules.resolve(g.org(o) + "-" + kind.getFileName() + ".yaml"),
                        text,
                        StandardCharsets.UTF_8);
            }
        }
    }
}
