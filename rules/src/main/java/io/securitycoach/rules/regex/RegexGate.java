package io.securitycoach.rules.regex;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The one way a customer regex (a rule's {@code matches}, a parsing configuration's {@code regex},
 * anything later) becomes a compiled pattern. RE2/J matches in time linear in the text, but its
 * program is as large as the pattern once counted repetitions are copied out, and it builds that
 * program before any size check: {@code ((a{1000}){1000}){1000}} exhausts the heap. So the gate
 * estimates the program size from the text first ({@link ProgramSizeEstimate}, an upper bound), and
 * only a pattern within {@link #MAX_PROGRAM_SIZE} instructions reaches RE2/J. Compiled patterns are
 * cached (bounded by total program size), so a pattern is compiled once per JVM, not per event.
 */
public final class RegexGate {
    public static final int MAX_PATTERN_CHARS = 512;
    public static final int MAX_PROGRAM_SIZE = 1_000;

    /**
     * A match reads at most this much of a value: its time grows with text length times program
     * size.
     */
    public static final int MAX_INPUT_CHARS = 4096;

    /**
     * Total instructions of the cached programs (a few MB): compiled patterns beyond it are
     * evicted.
     */
    private static final long CACHE_INSTRUCTIONS = 200_000;

    private static final RegexGate SHARED = new RegexGate();

    private final Cache<String, GatedRegex> compiled =
            Caffeine.newBuilder()
                    .maximumWeight(CACHE_INSTRUCTIONS)
                    .weigher((String pattern, GatedRegex re) -> re.programSize())
                    .build();

    private RegexGate() {}

    /**
     * One gate per JVM: patterns are immutable and thread-safe, so orgs and tasks share the cache.
     */
    public static RegexGate shared() {
        return SHARED;
    }

    /** The gate's upper bound of the RE2/J program size of a pattern; no RE2/J call is made. */
    public static long estimateProgramSize(String pattern) {
        return ProgramSizeEstimate.of(pattern);
    }

    /**
     * The compiled pattern, from the cache or checked and compiled now.
     *
     * @throws RegexRejectedException with a reason a customer can act on
     */
    public GatedRegex compile(String pattern) throws RegexRejectedException {
        GatedRegex cached = compiled.getIfPresent(pattern);
        if (cached != null) {
            return cached;
        }
        GatedRegex re = check(pattern);
        compiled.put(pattern, re);
        return re;
    }

    private static GatedRegex check(String pattern) throws RegexRejectedException {
        if (pattern == null || pattern.length() > MAX_PATTERN_CHARS) {
            throw new RegexRejectedException(
                    "a regex of at most " + MAX_PATTERN_CHARS + " characters");
        }
        long estimate = ProgramSizeEstimate.of(pattern);
        if (estimate > MAX_PROGRAM_SIZE) {
            throw new RegexRejectedException(
                    "regex too large once its repetitions are expanded (about "
                            + Math.min(estimate, 1_000_000_000L)
                            + " instructions, at most "
                            + MAX_PROGRAM_SIZE
                            + "): use fewer or smaller {n,m} counts");
        }
        try {
            return new GatedRegex(Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            throw new RegexRejectedException("invalid RE2 regex: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new RegexRejectedException(
                    "invalid RE2 regex: " + e); // whatever RE2/J throws costs the pattern only
        }
    }
}
