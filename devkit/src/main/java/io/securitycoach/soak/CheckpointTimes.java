package io.securitycoach.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When checkpoints completed (epoch milliseconds, sorted): from a file of one epoch-millisecond
 * value a line, or from JobManager logs ("Completed checkpoint N for job ..." lines, stamped in the
 * machine's zone by the cluster's log4j pattern).
 */
public final class CheckpointTimes {
    private static final Pattern COMPLETED =
            Pattern.compile(
                    "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) .*Completed checkpoint"
                            + " \\d+ for job");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private CheckpointTimes() {}

    public static List<Long> read(List<Path> files) {
        List<Long> out = new ArrayList<>();
        for (Path f : files) {
            if (Files.exists(f)) {
                out.addAll(
                        f.getFileName().toString().endsWith(".log")
                                ? fromLog(f)
                                : fromEpochLines(f));
            }
        }
        Collections.sort(out);
        return out;
    }

    static List<Long> fromLog(Path log) {
        List<Long> out = new ArrayList<>();
        for (String line : lines(log)) {
            Matcher m = COMPLETED.matcher(line);
            if (m.find()) {
                out.add(
                        LocalDateTime.parse(m.group(1), STAMP)
                                .atZone(ZoneId.systemDefault())
                                .toInstant()
                                .toEpochMilli());
            }
        }
        return out;
    }

    static List<Long> fromEpochLines(Path file) {
        List<Long> out = new ArrayList<>();
        for (String line : lines(file)) {
            if (!line.isBlank()) {
                out.add(Long.parseLong(line.trim()));
            }
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
