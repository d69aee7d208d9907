package io.securitycoach.bench.pipeline;

import io.securitycoach.local.generate.EventGenerator;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the workload once, before anything is measured: the directory ({@code
 * users/directory.jsonl}) and the vendor records laid out {@code <org>/<vendor>/generated.jsonl}
 * under a staging folder, moved under the job's watched root once the directory is loaded.
 */
public final class WorkloadFiles {
    public final Path users;
    public final Path staged;
    public final Path events;
    public final long eventBytes;

    private WorkloadFiles(Path users, Path staged, Path events, long eventBytes) {
        this.users = users;
        this.staged = staged;
        this.events = events;
        this.eventBytes = eventBytes;
    }

    public static WorkloadFiles write(Workload w, Path work) throws IOException {
        EventGenerator g = w.generator(System.currentTimeMillis());
        Path users = work.resolve("users").resolve("directory.jsonl");
        Files.createDirectories(users.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(users, StandardCharsets.UTF_8)) {
            for (long u = 0; u < g.users(); u++) {
                out.write(Json.write(g.user(u)));
                out.newLine();
            }
        }
        Path staged = work.resolve("staged");
        long bytes = writeEvents(g, w.events, staged);
        Path events = work.resolve("events");
        Files.createDirectories(events);
        return new WorkloadFiles(users, staged, events, bytes);
    }

    private static long writeEvents(EventGenerator g, long count, Path root) throws IOException {
        Map<String, BufferedWriter> writers = new HashMap<>();
        long bytes = 0;
        try {
            for (long n = 0; n < count; n++) {
                RawEvent e = g.event(n);
                BufferedWriter out = writers.get(e.orgId + "/" + e.vendor);
                if (out == null) {
                    Path f = root.resolve(e.orgId).resolve(e.vendor).resolve("generated.jsonl");
                    Files.createDirectories(f.getParent());
                    out = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
                    writers.put(e.orgId + "/" + e.vendor, out);
                }
                out.write(e.payload);
                out.newLine();
                bytes += e.payload.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        } finally {
            for (BufferedWriter out : writers.values()) {
                out.close();
            }
        }
        return bytes;
    }

    /**
     * Moves every org's folder from staging under the watched root: the job's source picks them up.
     */
    public void release() throws IOException {
        try (var orgs = Files.list(staged)) {
            for (Path org : (Iterable<Path>) orgs::iterator) {
                Files.move(org, events.resolve(org.getFileName()));
            }
        }
    }
}
