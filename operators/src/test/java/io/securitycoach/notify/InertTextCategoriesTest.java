package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 28, finding 7: every character of each Unicode general category, placed where it could hide
 * a link from the defanger (before or after a dot, as the dot, inside the scheme, after an allowed
 * URL), never lets a link to {@code evil.example} through. The oracle reads the output as a lenient
 * chat client would: it ignores invisible format characters, breaks words at separators and
 * controls, and takes the dots IDNA takes; no name with a live dot may remain but the allowed one.
 */
class InertTextCategoriesTest {
    private static final String[] ALLOWED = {"allowed.example"};

    /** Big categories are walked with a stride; the small ones (Cf, Z*, Cc) completely. */
    private static final int MAX_PER_CATEGORY = 400;

    private static final Map<String, Byte> CATEGORIES =
            Map.ofEntries(
                    Map.entry("Cf", Character.FORMAT),
                    Map.entry("Cc", Character.CONTROL),
                    Map.entry("Zs", Character.SPACE_SEPARATOR),
                    Map.entry("Zl", Character.LINE_SEPARATOR),
                    Map.entry("Zp", Character.PARAGRAPH_SEPARATOR),
                    Map.entry("Mn", Character.NON_SPACING_MARK),
                    Map.entry("Mc", Character.COMBINING_SPACING_MARK),
                    Map.entry("Me", Character.ENCLOSING_MARK),
                    Map.entry("Po", Character.OTHER_PUNCTUATION),
                    Map.entry("Pd", Character.DASH_PUNCTUATION),
                    Map.entry("Sm", Character.MATH_SYMBOL),
                    Map.entry("So", Character.OTHER_SYMBOL),
                    Map.entry("Co", Character.PRIVATE_USE),
                    Map.entry("Cn", Character.UNASSIGNED),
                    Map.entry("Lm", Character.MODIFIER_LETTER),
                    Map.entry("Nd", Character.DECIMAL_DIGIT_NUMBER));

    /** Where the character goes ({@code %c}). */
    private static final String[] PLACES = {
        "visit evil%c.example now",
        "visit evil.%cexample now",
        "visit evil%cexample now",
        "visit ht%ctps://evil.example/x now",
        "visit https://allowed.example/%cevil.example now",
        "visit https://allowed.example\\%c@evil.example/ now",
        "visit https://allowed.example%c\\@evil.example/ now",
        "visit https://x.example/a%cb\\@evil.example now",
    };

    private static final Pattern IDNA_DOTS = Pattern.compile("[\u3002\uFF0E\uFF61]");
    private static final Pattern ALLOWED_URL =
            Pattern.compile("https://allowed\\.example(/[^\\s\\\\]*)?");
    private static final Pattern LIVE_NAME =
            Pattern.compile("[\\p{L}\\p{M}\\p{N}_-]+(\\.[\\p{L}\\p{M}\\p{N}_-]+)+");

    static Stream<Arguments> categories() {
        return CATEGORIES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("categories")
    void noCharacterOfTheCategoryLetsALinkThrough(String name, byte category) {
        List<Integer> members = members(category);
        assertThat(members).as("code points of %s", name).isNotEmpty();
        for (int c : members) {
            for (String place : PLACES) {
                String text = place.replace("%c", new String(Character.toChars(c)));
                String shown = InertText.defang(InertText.printable(text), ALLOWED);
                assertThat(liveNames(shown))
                        .as("U+%04X (%s) in \"%s\" shown as \"%s\"", c, name, place, shown)
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("categories")
    void textWithoutTheCharacterIsLeftAsItWas(String name, byte category) {
        String plain = "Mimikatz v2.2 blocked on host WS-12. See https://allowed.example/m now.";
        assertThat(InertText.defang(InertText.printable(plain), ALLOWED)).isEqualTo(plain);
    }

    /**
     * Names with a live dot a lenient client could link: format characters ignored, separators and
     * controls as spaces, IDNA dots as dots, links to the allowed domain (plain, no backslash)
     * taken out first.
     */
    private static List<String> liveNames(String shown) {
        String client =
                shown.codePoints()
                        .filter(cp -> Character.getType(cp) != Character.FORMAT)
                        .map(cp -> separates(cp) ? ' ' : cp)
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                        .toString();
        client = IDNA_DOTS.matcher(client).replaceAll(".");
        client = ALLOWED_URL.matcher(client).replaceAll(" ");
        List<String> live = new ArrayList<>();
        Matcher m = LIVE_NAME.matcher(client);
        while (m.find()) {
            if (m.group().matches(".*\\p{L}{2,}$") && !m.group().equals(ALLOWED[0])) {
                live.add(m.group());
            }
        }
        return live;
    }

    private static boolean separates(int cp) {
        int type = Character.getType(cp);
        return Character.isWhitespace(cp)
                || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.CONTROL;
    }

    private static List<Integer> members(byte category) {
        List<Integer> all = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == category && !Character.isSurrogate((char) cp)) {
                all.add(cp);
            }
        }
        int stride = Math.max(1, all.size() / MAX_PER_CATEGORY);
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < all.size(); i += stride) {
            picked.add(all.get(i));
        }
        return picked;
    }
}
