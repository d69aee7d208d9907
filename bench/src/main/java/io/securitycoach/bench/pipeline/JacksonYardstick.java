package io.securitycoach.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Bare Jackson: {@code readTree} of every line of the same files, one thread, after a warm-up pass.
 */
final class JacksonYardstick {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private JacksonYardstick() {}

    static void run(Path events, PipelineReport report) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(events)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        ObjectMapper mapper = new ObjectMapper();
        parseAll(mapper, files.subList(0, Math.max(1, files.size() / 5)));
        long cpu = THREADS.getCurrentThreadCpuTime();
        long lines = parseAll(mapper, files);
        report.jacksonEvents = lines;
        report.jacksonCpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
    }

    /**
     * Reads and parses every line (malformed ones included: Jackson's error path is the cost then).
     */
    static long parseAll(ObjectMapper mapper, List<Path> files) throws IOException {
        long lines = 0;
        long sink = 0;
        for (Path f : files) {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    sink += parse(mapper, line);
                    lines++;
                }
            }
        }
        return sink == Long.MIN_VALUE ? -1 : lines;
    }

    private static int parse(ObjectMapper mapper, String line) {
        try {
            return mapper.readTree(line).size();
        } catch (IOException e) {
            return 0;
        }
    }
}
