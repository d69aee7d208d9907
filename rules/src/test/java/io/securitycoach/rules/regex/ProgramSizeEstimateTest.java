package io.securitycoach.rules.regex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProgramSizeEstimateTest {
    /**
     * Patterns estimated above this are not compiled by the test (that is what the gate prevents).
     */
    private static final long COMPILE_AT_MOST = 50_000;

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "",
                "abc",
                "a{3}",
                "a{2,5}",
                "a{2,}",
                "a{,5}",
                "(a{100}){10}",
                "(?:ab|cd){10}",
                "[a-z]{1,64}@[a-z]{1,255}",
                "\\Q((({\\E{10}",
                "()",
                "(){1000}",
                "((){10}){10}",
                "(a?){300}a{300}",
                "(?i)(winword|excel|outlook)\\.exe",
                "x*",
                "(a*)*",
                "(a|)+",
                "a{0}",
                "a{0,0}",
                "(?P<x>a)",
                "^$\\b"
            })
    void isAnUpperBoundOfTheRealProgramSize(String pattern) {
        assertThat(ProgramSizeEstimate.of(pattern))
                .isGreaterThanOrEqualTo(Pattern.compile(pattern).programSize());
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "abc => 5",
                "a{3} => 5",
                "(){1000} => 3002",
                "((){1000}){1000} => 3002002",
                "(((){1000}){1000}){1000} => 3002002002",
                "((a{1000}){1000}){1000} => 1002002002",
                "(?:a?){300}a{300} => 902",
                "(?P<name>a){3} => 11",
                "(?<n>a) => 5",
                "(a?){300}a{300} => 1502"
            })
    void isExactForRepetitionsOfSimplePieces(String pattern, long size) {
        assertThat(ProgramSizeEstimate.of(pattern)).isEqualTo(size);
        if (size <= COMPILE_AT_MOST) {
            assertThat(Pattern.compile(pattern).programSize()).isEqualTo(size);
        }
    }

    @Test
    void emptyGroupsCountThreeInstructions() {
        // the old RegexCost counted (){1000} as 0 and let (((){1000}){1000}){1000} through to RE2/J
        assertThat(ProgramSizeEstimate.of("(((){1000}){1000}){1000}"))
                .isGreaterThan(RegexGate.MAX_PROGRAM_SIZE);
        assertThat(ProgramSizeEstimate.of("(){1000}"))
                .isEqualTo(Pattern.compile("(){1000}").programSize());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(((((((a{1000}){1000}){1000}){1000}){1000}){1000}){1000})",
                "(a{99999999}){999999999}",
                "a{123456789012}"
            })
    void saturatesInsteadOfOverflowing(String pattern) {
        assertThat(ProgramSizeEstimate.of(pattern)).isEqualTo(ProgramSizeEstimate.SATURATED);
    }

    @Test
    void boundsRe2jOnGeneratedPatterns() {
        PatternGenerator gen = new PatternGenerator(20261129L);
        Stats stats = check(20_000, () -> gen.pattern(4));
        assertThat(stats.compiled).as("generated patterns RE2/J accepts").isGreaterThan(5_000);
        // tight enough to accept what RE2/J would: the worst case seen is empty alternatives RE2/J
        // merges
        assertThat(stats.maxRatio)
                .as("estimate / real, worst case: %s", stats.worst)
                .isLessThan(5.0);
    }

    @Test
    void boundsRe2jOnSyntaxJunk() {
        PatternGenerator gen = new PatternGenerator(7L);
        Stats stats = check(40_000, () -> gen.junk(12));
        assertThat(stats.compiled).as("junk patterns RE2/J accepts").isGreaterThan(200);
    }

    private static Stats check(int count, Supplier<String> patterns) {
        Stats stats = new Stats();
        for (int n = 0; n < count; n++) {
            String pattern = patterns.get();
            long estimate = ProgramSizeEstimate.of(pattern);
            if (estimate > COMPILE_AT_MOST) {
                continue;
            }
            int real;
            try {
                real = Pattern.compile(pattern).programSize();
            } catch (PatternSyntaxException invalid) {
                continue;
            }
            assertThat(estimate).as("estimate of %s", pattern).isGreaterThanOrEqualTo(real);
            stats.compiled++;
            if ((double) estimate / real > stats.maxRatio) {
                stats.maxRatio = (double) estimate / real;
                stats.worst = pattern;
            }
        }
        return stats;
    }

    private static final class Stats {
        int compiled;
        double maxRatio;
        String worst;
    }
}
