package io.securitycoach.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Waits until the JIT has compiled what the job runs: on two cores the JVM has one C2 compiler
 * thread, and a job this size keeps it busy for a minute or more, while methods wait in its queue,
 * running interpreted (a profile of the span showed the event deserializer's string reads
 * interpreted for 37 s, and the same code measured 4,700 and 7,300 events per CPU-second in two
 * runs). Settled: the compilers' accumulated time grew by less than {@link
 * #QUIET_MILLIS_PER_SECOND} a second for {@link #QUIET_SECONDS} seconds in a row.
 */
final class JitSettling {
    static final long QUIET_MILLIS_PER_SECOND = 100;
    static final int QUIET_SECONDS = 3;

    private static final Path TASKS = Paths.get("/proc/self/task");

    /** Clock ticks per second of {@code /proc} CPU times (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private JitSettling() {}

    static boolean measurable() {
        return Files.isDirectory(TASKS);
    }

    /**
     * CPU milliseconds of the live compiler threads (C1 and C2); a thread the JVM retires takes its
     * time with it, so differences are at least what was compiled in between.
     */
    static long compilationMillis() {
        if (!measurable()) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                ticks += compilerTicks(task);
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    private static long compilerTicks(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).trim();
            if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                return 0;
            }
            String stat = Files.readString(task.resolve("stat"));
            // after the name in parentheses: state, then fields 4..; utime and stime are 14 and 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return 0; // the thread ended while read
        }
    }

    /**
     * Waits for a settled JIT or for {@code giveUp} to hold, whichever comes first.
     *
     * @return whether the JIT settled
     */
    static boolean await(BooleanSupplier giveUp) throws InterruptedException {
        if (!measurable()) {
            return false;
        }
        int quietSeconds = 0;
        long last = compilationMillis();
        while (!giveUp.getAsBoolean()) {
            Thread.sleep(1_000);
            long now = compilationMillis();
            quietSeconds = Math.max(0, now - last) < QUIET_MILLIS_PER_SECOND ? quietSeconds + 1 : 0;
            last = now;
            if (quietSeconds >= QUIET_SECONDS) {
                return true;
            }
        }
        return false;
    }
}
