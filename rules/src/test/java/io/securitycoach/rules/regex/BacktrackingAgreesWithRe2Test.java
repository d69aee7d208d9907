package io.securitycoach.rules.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The backtracking rewrite answers exactly as RE2/J on every pattern it rewrites, and stops at its
 * budget where backtracking would explode.
 */
class BacktrackingAgreesWithRe2Test {
    private static final String INPUT_CHARACTERS =
            "abcx.é{}0123()<>@ -_\n\t\"'/A\u000b\r\u0085\u2028\uD83D\uDE00";

    @Test
    void theParsersLibraryPatternsAreRewrittenAndAgree() {
        String[][] cases = {
            {
                "\\(([^()\\s@]+@[^()\\s]+)\\)$",
                "Ada Lane (ada.lane@northwind.example)",
                "Office Network"
            },
            {"^[^<>\\s@]+@[^<>\\s@]+$", "alerts@mailer.example.com", "<>"},
            {"^\"?([^\"]*/[^\"]*)\"?$", "\"login.example.test/owa/auth.aspx\"", "invoice.pdf"},
            {"^\"?([^\"/]+)\"?$", "\"invoice.pdf\"", "a.example/x"},
            {"^(.*[^ ]) ?\\(\\d+\\)$", "Eicar Test File(39040)", "(9999)"},
            {"^([A-Za-z0-9][A-Za-z0-9-]*)$", "octocat-dev", "dependabot[bot]"},
            {"^([^@\\s]+@[^@\\s]+)$", "ada@northwind.example", "U0123ABC"},
            {"'(https?://[^'\\s]+)'", "'https://bad.example/x' blocked due to category", "no url"}
        };
        for (String[] c : cases) {
            Backtracking fast = Backtracking.of(c[0]);
            assertThat(fast).as(c[0]).isNotNull();
            for (int i = 1; i < c.length; i++) {
                assertThat(fast.extract(c[i]))
                        .as(c[0] + " on " + c[i])
                        .isEqualTo(re2Extract(Pattern.compile(c[0]), c[i]));
            }
        }
    }

    @Test
    void syntaxWhoseMeaningDiffersOrThatCouldExplodeIsNotRewritten() {
        for (String re :
                new String[] {
                    "(a)*",
                    "(?:ab)+",
                    "(a|b){2}",
                    "(?i)a",
                    "\\bword",
                    "\\pL+",
                    "[[:alpha:]]",
                    "\\Qa.b\\E",
                    "a{x}",
                    "a**",
                    "\\1",
                    "(?P<n>a)",
                    "\\z",
                    "\\A",
                    "[\\D]",
                    "a{,3}"
                }) {
            assertThat(Re2ToJdk.rewrite(re)).as(re).isNull();
        }
    }

    @Test
    void randomPatternsAndTextsGetTheSameMatchesAndGroups() {
        PatternGenerator patterns = new PatternGenerator(23);
        Random texts = new Random(29);
        int compared = 0;
        for (int i = 0; i < 6_000; i++) {
            String re = patterns.pattern(3);
            Pattern re2 = compiled(re);
            Backtracking fast = re2 == null ? null : Backtracking.of(re);
            if (fast == null) {
                continue;
            }
            for (int k = 0; k < 25; k++) {
                String text = text(texts);
                assertThat(fast.find(text))
                        .as(re + " finds in " + text)
                        .isEqualTo(re2.matcher(text).find());
                assertThat(fast.extract(text))
                        .as(re + " extracts from " + text)
                        .isEqualTo(re2Extract(re2, text));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(20_000);
    }

    @Test
    void backtrackingThatWouldExplodeStopsAtItsBudgetAndRe2Answers() throws Exception {
        String re = "a*a*a*a*a*a*b";
        String text = "a".repeat(RegexGate.MAX_INPUT_CHARS / 2);
        assertThatThrownBy(() -> Backtracking.of(re).find(text))
                .isSameAs(CountedText.OverBudget.INSTANCE);
        GatedRegex gated = RegexGate.shared().compile(re);
        assertThat(gated.find(text)).isFalse();
        assertThat(gated.find(text + "b")).isTrue();
        assertThat(gated.extract("aab")).isEqualTo("aab");
    }

    private static String re2Extract(Pattern re2, String text) {
        Matcher m = re2.matcher(text);
        if (!m.find()) {
            return null;
        }
        return re2.groupCount() >= 1 ? m.group(1) : m.group();
    }

    private static Pattern compiled(String re) {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private static String text(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(14);
        for (int i = 0; i < length; i++) {
            out.append(INPUT_CHARACTERS.charAt(random.nextInt(INPUT_CHARACTERS.length())));
        }
        return out.toString();
    }
}
