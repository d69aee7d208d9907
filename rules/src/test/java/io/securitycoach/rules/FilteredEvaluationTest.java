package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A condition or sequence step is not run on an event that lacks a value it requires: the answers
 * must be those of running every expression, for every library rule and a few made up, on random
 * events drawn from the values the rules name.
 */
class FilteredEvaluationTest {
    private static final String[] CLASSES = {"web", "auth", "email", "endpoint", "dlp", ""};
    private static final String[] ACTIONS = {"allowed", "blocked", "unknown", ""};
    private static final String[] WORDS = {
        "click_permitted",
        "Newly Registered Domains",
        "Gambling",
        "logon",
        "failure",
        "success",
        "okta",
        "zscaler",
        "high",
        "critical",
        "Slack",
        "x",
        ""
    };

    private static List<CompiledRule> rules() throws Exception {
        RuleCompiler compiler = new RuleCompiler();
        List<CompiledRule> rules = new ArrayList<>();
        Path library = Paths.get(System.getProperty("coach.home", "..")).resolve("rules-library");
        try (Stream<Path> dirs = Files.list(library)) {
            for (Path rule : (Iterable<Path>) dirs.sorted()::iterator) {
                Path yaml = rule.resolve("rule.yaml");
                if (Files.exists(yaml)) {
                    rules.add(compiler.compile(RuleParser.parse(Files.readString(yaml), "t")));
                }
            }
        }
        rules.add(compiler.compile(RuleParser.parse(MADE_UP, "t")));
        return rules;
    }

    /** Conjuncts the filters read, beside ones they cannot, in both orders, and an in-list. */
    private static final String MADE_UP =
            "id: made-up\norg: acme\nversion: 1\nseverity: low\n"
                    + "when: event.class in ['web', 'auth'] && event.action != 'x'\n"
                    + "sequence:\n  within: 30m\n  steps:\n"
                    + "    - size(event.url) >= 0 && event.action == 'blocked'\n"
                    + "    - event.app in ['Slack', 'x'] && 'success' == event.activity\n"
                    + "    - event.severity == 'high' && event.severity == 'critical'\n"
                    + "coach:\n  module: m\n  channels: ['slack']\n  message: hi\n";

    private static SecurityEvent event(Random random) {
        SecurityEvent e = new SecurityEvent();
        e.orgId = "acme";
        e.eventClass = pick(random, CLASSES);
        e.action = pick(random, ACTIONS);
        e.outcome = pick(random, WORDS);
        e.activity = pick(random, WORDS);
        e.urlCategory = pick(random, WORDS);
        e.vendor = pick(random, WORDS);
        e.severity = pick(random, WORDS);
        e.app = pick(random, WORDS);
        e.url = random.nextBoolean() ? null : "https://" + pick(random, WORDS) + ".example/";
        e.eventTime = 1_772_701_200_000L;
        return e;
    }

    private static String pick(Random random, String[] values) {
        String v = values[random.nextInt(values.length)];
        return v.isEmpty() && random.nextBoolean() ? null : v;
    }

    @Test
    void filteredAnswersAreTheAnswersOfRunningEveryExpression() throws Exception {
        List<CompiledRule> rules = rules();
        assertThat(rules).hasSizeGreaterThan(10);
        Random random = new Random(7);
        int matched = 0;
        int stepsMatched = 0;
        for (int i = 0; i < 3_000; i++) {
            SecurityEvent e = event(random);
            Map<String, Object> user = EventSchema.userValue(random.nextBoolean() ? null : user());
            for (CompiledRule rule : rules) {
                CompiledRule all = rule.withoutFilters();
                boolean expected = all.matches(EventSchema.eventValue(e), user);
                assertThat(rule.matches(EventSchema.eventValue(e), user))
                        .as("%s on %s", rule.definition().ruleId, EventSchema.eventValue(e))
                        .isEqualTo(expected);
                matched += expected ? 1 : 0;
                if (rule.definition().isSequence()) {
                    int steps = all.matchingSteps(EventSchema.eventValue(e), user);
                    assertThat(rule.matchingSteps(EventSchema.eventValue(e), user))
                            .as(
                                    "%s steps on %s",
                                    rule.definition().ruleId, EventSchema.eventValue(e))
                            .isEqualTo(steps);
                    stepsMatched += steps != 0 ? 1 : 0;
                }
            }
        }
        assertThat(matched).as("the events match some rules").isGreaterThan(100);
        assertThat(stepsMatched).as("and some sequence steps").isGreaterThan(100);
    }

    private static UserProfile user() {
        UserProfile u = new UserProfile();
        u.department = "Finance";
        return u;
    }
}
