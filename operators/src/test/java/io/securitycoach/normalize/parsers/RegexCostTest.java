package io.securitycoach.normalize.parsers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RegexCostTest {
    @ParameterizedTest(name = "{0} costs {1}")
    @CsvSource(delimiterString = " => ", value = {
            "abc => 3",
            "a{3} => 3",
            "a{2,5} => 5",
            "a{2,} => 3",
            "a{,5} => 5",                      // not a repetition in RE2: five literal characters
            "(a{100}){10} => 1000",
            "(?:ab|cd){10} => 70",            // ?, : and => count too: an upper bound
            "[a-z]{1,64}@[a-z]{1,255} => 320",
            "[]a-]{4} => 4",
            "[[:alpha:]]{4} => 4",
            "\\p{Greek}{5} => 5",
            "\\x{41}{5} => 5",
            "\\Q((({\\E{10} => 40",            // quoted text is literal, never a group
            "((a{1000}){1000}){1000} => 1000000000",
            "a+ => 2",
    })
    void estimates(String pattern, long cost) {
        assertThat(RegexCost.of(pattern)).isEqualTo(cost);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(((((((a{1000}){1000}){1000}){1000}){1000}){1000}){1000})", "(a{999999999}){999999999}{999999999}"})
    void saturatesInsteadOfOverflowing(String pattern) {
        assertThat(RegexCost.of(pattern)).isEqualTo(Long.MAX_VALUE / 2);
    }
}
