package io.securitycoach.rules;

import java.util.List;
import java.util.Random;

/**
 * Random rule conditions over every string function of the dialect: fields, raw lookups, tags,
 * literals of 'a's ending in 'b' (the worst case of a naive substring search over a text of 'a's),
 * concatenations, conversions, comparisons, membership, and loops over tags, raw keys and literal
 * lists, nested. Seeded: a failure names its expression and repeats.
 */
final class RuleGenerator {
    static final List<String> STRING_FIELDS =
            List.of("url", "threat_name", "message", "command_line", "actor_email", "file_name");
    static final List<String> USER_FIELDS = List.of("email", "department", "title");
    static final int RAW_KEYS = 300;
    private static final String[] REGEXES = {
        "^a+b", "(?i)(winword|excel)[.]exe", "a{20}", "[ab]*c"
    };

    private final Random random;

    RuleGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A boolean condition; {@code loopVar} is a string variable in scope, or null. */
    String condition(int depth, String loopVar) {
        int choice = random.nextInt(depth <= 0 ? 10 : 16);
        String s = text(depth - 1, loopVar);
        switch (choice) {
            case 0:
                return s + ".contains(" + text(depth - 1, loopVar) + ")";
            case 1:
                return s + ".startsWith(" + text(depth - 1, loopVar) + ")";
            case 2:
                return s + ".endsWith(" + text(depth - 1, loopVar) + ")";
            case 3:
                return s + ".matches('" + REGEXES[random.nextInt(REGEXES.length)] + "')";
            case 4:
                return s + ".size() > " + random.nextInt(5000);
            case 5:
                return s + pick(" == ", " != ", " < ", " >= ") + text(depth - 1, loopVar);
            case 6:
                return s
                        + " in "
                        + pick("user.tags", "event.raw", "['a', 'ab', " + literal() + "]");
            case 7:
                return "has(event.raw.k" + random.nextInt(RAW_KEYS) + ")";
            case 8:
                return "size(bytes(" + s + ")) > " + random.nextInt(100);
            case 9:
                return "string(event.event_time) == " + s;
            case 10:
            case 11:
                return "("
                        + condition(depth - 1, loopVar)
                        + pick(" && ", " || ")
                        + condition(depth - 1, loopVar)
                        + ")";
            case 12:
                return "!(" + condition(depth - 1, loopVar) + ")";
            default:
                return loop(depth - 1);
        }
    }

    private String loop(int depth) {
        String v = "v" + depth;
        String range =
                pick(
                        "user.tags",
                        "event.raw",
                        "['a', 'aab', " + literal() + "]",
                        "user.tags.map(x, x + 'b')");
        String body = condition(depth, v);
        switch (random.nextInt(5)) {
            case 0:
                return range + ".exists(" + v + ", " + body + ")";
            case 1:
                return range + ".all(" + v + ", " + body + ")";
            case 2:
                return range + ".exists_one(" + v + ", " + body + ")";
            case 3:
                return range + ".filter(" + v + ", " + body + ").size() > 1";
            default:
                return range + ".map(" + v + ", " + text(depth, v) + ").exists(w, w.endsWith('b'))";
        }
    }

    /** A string: a field, a raw value, a tag, a literal, a concatenation, a conversion. */
    String text(int depth, String loopVar) {
        int choice = random.nextInt(depth <= 0 ? 6 : 9);
        switch (choice) {
            case 0:
                return "event." + STRING_FIELDS.get(random.nextInt(STRING_FIELDS.size()));
            case 1:
                return "user." + USER_FIELDS.get(random.nextInt(USER_FIELDS.size()));
            case 2:
                return random.nextBoolean()
                        ? "event.raw['k" + random.nextInt(RAW_KEYS) + "']"
                        : "event.raw.k" + random.nextInt(RAW_KEYS);
            case 3:
                return loopVar != null ? loopVar : "user.tags[" + random.nextInt(RAW_KEYS) + "]";
            case 4:
            case 5:
                return literal();
            case 6:
                return "(" + text(depth - 1, loopVar) + " + " + text(depth - 1, loopVar) + ")";
            case 7:
                return "string(bytes(" + text(depth - 1, loopVar) + "))";
            default:
                return "("
                        + condition(depth - 1, loopVar)
                        + " ? "
                        + text(depth - 1, loopVar)
                        + " : "
                        + text(depth - 1, loopVar)
                        + ")";
        }
    }

    private String literal() {
        int length = random.nextInt(8) == 0 ? random.nextInt(1500) : random.nextInt(40);
        return "'" + "a".repeat(length) + (random.nextBoolean() ? "b" : "") + "'";
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
