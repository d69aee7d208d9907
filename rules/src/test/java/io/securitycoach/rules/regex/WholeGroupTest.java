package io.securitycoach.rules.regex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WholeGroupTest {
    private static final String INPUT_CHARACTERS = "abcx.é{}0123()<>@ ";

    @Test
    void readsTheShapesItCanBeSureOf() {
        for (String whole :
                new String[] {
                    "^([A-Za-z0-9][A-Za-z0-9-]*)$",
                    "^([^@\\s]+@[^@\\s]+)$",
                    "(a|b)",
                    "^(a)",
                    "(a\\))$",
                    "^([)(])$",
                    "^([]a)])$",
                    "^([[:alpha:])]+)$",
                    "^((a)(b))$"
                }) {
            assertThat(WholeGroup.wrapsWholePattern(whole)).as(whole).isTrue();
        }
        for (String partial :
                new String[] {
                    "^\"?([^\"]*/[^\"]*)\"?$",
                    "\\(([^()\\s@]+@[^()\\s]+)\\)$",
                    "^(a)|(b)$",
                    "^(a)*$",
                    "(?:a)",
                    "(?P<n>a)",
                    "(?i)(a)",
                    "^(a)\\$",
                    "(\\Q)\\E)",
                    "()x",
                    "a",
                    "",
                    "(",
                    "^$"
                }) {
            assertThat(WholeGroup.wrapsWholePattern(partial)).as(partial).isFalse();
        }
    }

    /** Whenever it says yes, RE2/J's first group is the whole match on every input. */
    @Test
    void aYesAlwaysMeansTheFirstGroupIsTheMatch() {
        PatternGenerator patterns = new PatternGenerator(17);
        Random inputs = new Random(19);
        int checked = 0;
        for (int i = 0; i < 4_000; i++) {
            String p = patterns.pattern(3);
            for (String candidate :
                    new String[] {
                        "(" + p + ")", "^(" + p + ")$", "^(" + p + ")|x", "(" + p + ")" + p
                    }) {
                Pattern compiled = compiled(candidate);
                if (compiled == null || !WholeGroup.wrapsWholePattern(candidate)) {
                    continue;
                }
                checked++;
                for (int k = 0; k < 20; k++) {
                    Matcher m = compiled.matcher(input(inputs));
                    if (m.find()) {
                        assertThat(m.group()).as(candidate).isEqualTo(m.group(1));
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(2_000);
    }

    private static Pattern compiled(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private static String input(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            out.append(INPUT_CHARACTERS.charAt(random.nextInt(INPUT_CHARACTERS.length())));
        }
        return out.toString();
    }
}
