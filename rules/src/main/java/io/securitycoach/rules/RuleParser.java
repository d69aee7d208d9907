package io.securitycoach.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.securitycoach.coaching.ChannelName;
import io.securitycoach.coaching.MessageTemplate;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.OrgIds;
import io.securitycoach.validation.Problem;
import io.securitycoach.validation.TopLevelPeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one customer rule (YAML or JSON, JSON being a subset of YAML) into a {@link
 * RuleDefinition}, collecting every problem with the field it is in. Expressions are checked by
 * {@link RuleCompiler}.
 */
public final class RuleParser {
    public static final int MAX_RULE_BYTES = 64 * 1024;
    public static final int MAX_WHEN_CHARS = 4096;
    public static final int MAX_TEXT_CHARS = 2000;
    public static final Duration MAX_SUPPRESS = Duration.ofDays(30);
    public static final Set<String> SEVERITIES =
            Set.of("info", "low", "medium", "high", "critical");

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    private static final Set<String> TOP_FIELDS =
            Set.of(
                    "id",
                    "org",
                    "version",
                    "enabled",
                    "description",
                    "severity",
                    "when",
                    "scope",
                    "threshold",
                    "sequence",
                    "suppress",
                    "mode",
                    "coach");
    private static final Set<String> THRESHOLD_FIELDS = Set.of("count", "within", "distinct");
    private static final Set<String> SEQUENCE_FIELDS = Set.of("within", "steps");
    public static final int MAX_THRESHOLD = 1000;
    public static final int MAX_STEPS = 10;
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final Set<String> COACH_FIELDS = Set.of("module", "channels", "message");

    private static final ObjectMapper YAML = yamlMapper();

    private RuleParser() {}

    public static RuleDefinition parse(String text, String source) throws RuleRejectedException {
        ObjectNode root = readMapping(text);
        List<Problem> errors = new ArrayList<>();
        unknownFields(root, TOP_FIELDS, "", errors);
        RuleDefinition rule = new RuleDefinition();
        rule.source = source;
        identityFields(root, rule, errors);
        matchFields(root, rule, errors);
        rule.suppressMillis = suppress(root, errors);
        rule.mode =
                oneOf(
                        root,
                        "mode",
                        Set.of(RuleDefinition.MODE_LIVE, RuleDefinition.MODE_STAGED),
                        RuleDefinition.MODE_LIVE,
                        errors);
        coach(root.get("coach"), rule, errors);

        if (!errors.isEmpty()) {
            throw new RuleRejectedException(errors);
        }
        return rule;
    }

    /** The rule text as a mapping, rejected whole when too long, unreadable or not a mapping. */
    private static ObjectNode readMapping(String text) throws RuleRejectedException {
        if (text.length() > MAX_RULE_BYTES) {
            throw new RuleRejectedException(
                    List.of(
                            Problem.at(
                                    "rule",
                                    "rule is "
                                            + text.length()
                                            + " characters, the limit is "
                                            + MAX_RULE_BYTES)));
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new RuleRejectedException(
                    List.of(
                            Problem.at(
                                    "rule",
                                    line,
                                    col,
                                    "not valid YAML/JSON: " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new RuleRejectedException(
                    List.of(Problem.at("rule", "expected a mapping of rule fields")));
        }
        return (ObjectNode) root;
    }

    /** Which rule this is and whose: id, org, version, enabled, description, severity. */
    private static void identityFields(JsonNode root, RuleDefinition rule, List<Problem> errors) {
        rule.ruleId = identifier(root, "id", errors);
        rule.orgId = orgId(root, errors);
        rule.version = version(root, errors);
        rule.enabled = bool(root, "enabled", true, errors);
        rule.description = text(root, "description", false, MAX_TEXT_CHARS, errors);
        rule.severity = oneOf(root, "severity", SEVERITIES, "medium", errors);
    }

    /** What the rule matches: when, scope, and a threshold or a sequence. */
    private static void matchFields(JsonNode root, RuleDefinition rule, List<Problem> errors) {
        // YAML reads a bare `when: true` as a boolean; as CEL it is the same expression.
        rule.when =
                root.path("when").isBoolean()
                        ? root.get("when").asText()
                        : text(root, "when", true, MAX_WHEN_CHARS, errors);
        rule.scope =
                root.hasNonNull("scope")
                        ? text(root, "scope", false, MAX_WHEN_CHARS, errors)
                        : null;
        threshold(root.get("threshold"), rule, errors);
        sequence(root.get("sequence"), rule, errors);
        if (root.hasNonNull("threshold") && root.hasNonNull("sequence")) {
            errors.add(Problem.at("threshold", "a rule has a threshold or a sequence, not both"));
        }
    }

    /**
     * The org and id a rule text names, when it names them readably, even if the rule is invalid:
     * so a rejection can still say which rule it is about. {null, null} when unreadable.
     */
    public static String[] peekOrgAndId(String text) {
        return TopLevelPeek.values(text, "org", "id");
    }

    private static void threshold(JsonNode node, RuleDefinition rule, List<Problem> errors) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            errors.add(
                    Problem.at(
                            "threshold",
                            "expected a mapping with count, within and optionally distinct"));
            return;
        }
        unknownFields((ObjectNode) node, THRESHOLD_FIELDS, "threshold.", errors);
        JsonNode count = node.get("count");
        if (count == null
                || !count.isIntegralNumber()
                || count.asInt() < 2
                || count.asInt() > MAX_THRESHOLD) {
            errors.add(
                    Problem.at(
                            "threshold.count", "expected an integer from 2 to " + MAX_THRESHOLD));
        } else {
            rule.thresholdCount = count.asInt();
        }
        rule.thresholdWindowMillis = window(node, "threshold.within", errors);
        JsonNode distinct = node.get("distinct");
        if (distinct != null && !distinct.isNull()) {
            String field = distinct.asText();
            if (!EventSchema.stringEventFields().contains(field)) {
                errors.add(
                        Problem.at(
                                "threshold.distinct",
                                "'"
                                        + field
                                        + "' is not a text field of event; known: "
                                        + EventSchema.stringEventFields()));
            } else {
                rule.thresholdDistinct = field;
            }
        }
    }

    private static void sequence(JsonNode node, RuleDefinition rule, List<Problem> errors) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            errors.add(Problem.at("sequence", "expected a mapping with within and steps"));
            return;
        }
        unknownFields((ObjectNode) node, SEQUENCE_FIELDS, "sequence.", errors);
        rule.sequenceWindowMillis = window(node, "sequence.within", errors);
        JsonNode steps = node.get("steps");
        if (steps == null || !steps.isArray() || steps.size() < 2 || steps.size() > MAX_STEPS) {
            errors.add(
                    Problem.at(
                            "sequence.steps",
                            "expected a list of 2 to " + MAX_STEPS + " CEL conditions"));
            return;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            if (!step.isTextual()
                    || step.asText().isBlank()
                    || step.asText().length() > MAX_WHEN_CHARS) {
                errors.add(
                        Problem.at(
                                "sequence.steps[" + i + "]",
                                "expected a CEL condition of at most "
                                        + MAX_WHEN_CHARS
                                        + " characters"));
            } else {
                texts.add(step.asText().trim());
            }
        }
        rule.sequenceSteps = texts.toArray(new String[0]);
    }

    private static long window(JsonNode node, String path, List<Problem> errors) {
        JsonNode within = node.get("within");
        if (within == null || within.isNull()) {
            errors.add(Problem.at(path, "missing: the time window, e.g. 10m"));
            return 0;
        }
        try {
            Duration d = Durations.parse(within.asText());
            if (d.isZero() || d.isNegative() || d.compareTo(MAX_WINDOW) > 0) {
                errors.add(
                        Problem.at(
                                path,
                                "must be more than 0 and at most " + MAX_WINDOW.toDays() + "d"));
                return 0;
            }
            return d.toMillis();
        } catch (IllegalArgumentException e) {
            errors.add(Problem.at(path, e.getMessage()));
            return 0;
        }
    }

    private static void coach(JsonNode coach, RuleDefinition rule, List<Problem> errors) {
        if (coach == null || coach.isNull()) {
            errors.add(
                    Problem.at("coach", "missing: a rule needs coach.module and coach.channels"));
            return;
        }
        if (!coach.isObject()) {
            errors.add(Problem.at("coach", "expected a mapping with module, channels, message"));
            return;
        }
        unknownFields((ObjectNode) coach, COACH_FIELDS, "coach.", errors);
        rule.coachModule = identifier(coach, "module", "coach.module", errors);
        // Optional: without it the module's template (or the default one) is used.
        rule.coachMessage = text(coach, "message", "coach.message", false, MAX_TEXT_CHARS, errors);
        if (rule.coachMessage != null) {
            for (String unknown : MessageTemplate.unknownPlaceholders(rule.coachMessage)) {
                errors.add(
                        Problem.at(
                                "coach.message",
                                "unknown placeholder {"
                                        + unknown
                                        + "}; known: "
                                        + String.join(
                                                ", ",
                                                new TreeSet<>(MessageTemplate.PLACEHOLDERS))));
            }
        }
        JsonNode channels = coach.get("channels");
        if (channels == null || !channels.isArray() || channels.isEmpty()) {
            errors.add(
                    Problem.at(
                            "coach.channels", "expected a non-empty list of " + ChannelName.ids()));
            return;
        }
        List<String> valid = new ArrayList<>();
        for (JsonNode c : channels) {
            String name = c.asText();
            if (!c.isTextual() || !ChannelName.isKnown(name)) {
                errors.add(
                        Problem.at(
                                "coach.channels",
                                "unknown channel '" + name + "'; known: " + ChannelName.ids()));
            } else if (!valid.contains(name)) {
                valid.add(name);
            }
        }
        rule.coachChannels = valid.toArray(new String[0]);
    }

    private static void unknownFields(
            ObjectNode node, Set<String> known, String prefix, List<Problem> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!known.contains(name)) {
                errors.add(
                        Problem.at(prefix + name, "unknown field; known: " + new TreeSet<>(known)));
            }
        }
    }

    private static String identifier(JsonNode root, String field, List<Problem> errors) {
        return identifier(root, field, field, errors);
    }

    private static String identifier(
            JsonNode root, String field, String path, List<Problem> errors) {
        JsonNode node = root.get(field);
        // Org ids are strings; a JSON/YAML number is accepted and read as its text.
        if (node == null || node.isNull() || !(node.isTextual() || node.isIntegralNumber())) {
            errors.add(Problem.at(path, "missing or not a string"));
            return null;
        }
        String value = node.asText();
        if (!ID.matcher(value).matches()) {
            errors.add(
                    Problem.at(
                            path,
                            "'"
                                    + value
                                    + "' is not a valid id (letters, digits, . _ -; at most 128)"));
            return null;
        }
        return value;
    }

    /**
     * The one org-id pattern ({@link OrgIds}): a rule can only be filed under a valid tenant name.
     */
    private static String orgId(JsonNode root, List<Problem> errors) {
        JsonNode node = root.get("org");
        String value =
                node != null && (node.isTextual() || node.isIntegralNumber())
                        ? node.asText()
                        : null;
        String problem = OrgIds.problem(value);
        if (problem != null) {
            errors.add(Problem.at("org", problem));
            return null;
        }
        return value;
    }

    private static long version(JsonNode root, List<Problem> errors) {
        JsonNode node = root.get("version");
        if (node == null || node.isNull()) {
            return 1;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1) {
            errors.add(
                    Problem.at(
                            "version", "expected a positive integer, got '" + node.asText() + "'"));
            return 0;
        }
        return node.asLong();
    }

    private static boolean bool(JsonNode root, String field, boolean absent, List<Problem> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            errors.add(Problem.at(field, "expected true or false, got '" + node.asText() + "'"));
            return absent;
        }
        return node.asBoolean();
    }

    private static String text(
            JsonNode root, String field, boolean required, int max, List<Problem> errors) {
        return text(root, field, field, required, max, errors);
    }

    private static String text(
            JsonNode root,
            String field,
            String path,
            boolean required,
            int max,
            List<Problem> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(Problem.at(path, "missing"));
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            errors.add(Problem.at(path, "expected non-empty text"));
            return null;
        }
        if (node.asText().length() > max) {
            errors.add(
                    Problem.at(
                            path,
                            "is " + node.asText().length() + " characters, the limit is " + max));
            return null;
        }
        return node.asText().trim();
    }

    private static String oneOf(
            JsonNode root, String field, Set<String> allowed, String absent, List<Problem> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isTextual() || !allowed.contains(node.asText())) {
            errors.add(
                    Problem.at(
                            field,
                            "'" + node.asText() + "' is not one of " + new TreeSet<>(allowed)));
            return absent;
        }
        return node.asText();
    }

    private static long suppress(JsonNode root, List<Problem> errors) {
        JsonNode node = root.get("suppress");
        if (node == null || node.isNull()) {
            return 0;
        }
        try {
            Duration d = Durations.parse(node.asText());
            if (d.isNegative() || d.compareTo(MAX_SUPPRESS) > 0) {
                errors.add(
                        Problem.at(
                                "suppress",
                                "must be between 0 and " + MAX_SUPPRESS.toDays() + "d"));
                return 0;
            }
            return d.toMillis();
        } catch (IllegalArgumentException e) {
            errors.add(Problem.at("suppress", e.getMessage()));
            return 0;
        }
    }

    private static ObjectMapper yamlMapper() {
        // Bounded document: no alias bombs, limited nesting, small code points budget.
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_RULE_BYTES);
        options.setAllowDuplicateKeys(false);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }
}
