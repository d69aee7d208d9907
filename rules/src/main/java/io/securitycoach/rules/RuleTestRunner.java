package io.securitycoach.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.securitycoach.records.UserRecord;
import io.securitycoach.schema.Identities;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs rule fixtures, like StreamAlert and Panther rule tests: a test case names events (in the
 * common schema), optionally the directory users they belong to, and the detections expected (or
 * {@code none}). The events go through the same {@link RuleEngine} the job uses, in the order given
 * (so out-of-order cases can be written), with identities resolved and profiles added the way the
 * directory stages do.
 *
 * <pre>
 * name: three denied pushes within ten minutes
 * users: [{user_id: u-1, email: carol@example.com, department: Sales}]
 * events:
 *   - {event_uid: e1, class: auth, vendor: okta, activity: user.mfa.okta_verify.deny_push,
 *      actor_email: carol@example.com, event_time: "2026-11-20T09:20:00Z"}
 * expect: [{user_id: u-1, event_uids: [e1, e2, e3]}]     # or: expect: none
 * </pre>
 */
public final class RuleTestRunner {
    private static final ObjectMapper YAML =
            YAMLMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();

    /** The outcome of one case. */
    public static final class CaseResult {
        public final Path file;
        public final String name;
        public final boolean passed;
        public final String detail;

        CaseResult(Path file, String name, boolean passed, String detail) {
            this.file = file;
            this.name = name;
            this.passed = passed;
            this.detail = detail;
        }
    }

    private RuleTestRunner() {}

    /** Runs one case file against one compiled rule. */
    public static CaseResult run(CompiledRule rule, Path caseFile) {
        String name = caseFile.getFileName().toString();
        try {
            JsonNode root = YAML.readTree(Files.readString(caseFile, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                return new CaseResult(
                        caseFile, name, false, "a test case is a mapping with events and expect");
            }
            name = root.path("name").asText(name);
            List<String> failures = new ArrayList<>();
            List<String> actual =
                    detections(
                            rule, root.path("events"), Directory.of(root.path("users")), failures);
            if (!failures.isEmpty()) {
                return new CaseResult(caseFile, name, false, "evaluation failed: " + failures);
            }
            JsonNode expect = root.path("expect");
            boolean none = expect.isTextual() && "none".equals(expect.asText());
            String problem = none ? null : expectationProblem(expect);
            if (problem != null) {
                return new CaseResult(caseFile, name, false, problem);
            }
            List<String> got = actual.stream().sorted().collect(Collectors.toList());
            List<String> want =
                    none
                            ? List.of()
                            : expected(expect).stream().sorted().collect(Collectors.toList());
            return got.equals(want)
                    ? new CaseResult(caseFile, name, true, got.size() + " detection(s)")
                    : new CaseResult(
                            caseFile,
                            name,
                            false,
                            "expected " + (none ? "none" : want) + ", got " + got);
        } catch (IOException | RuntimeException e) {
            return new CaseResult(
                    caseFile,
                    name,
                    false,
                    "cannot read the case: " + e.getMessage().split("\n")[0]);
        } catch (Exception e) {
            return new CaseResult(caseFile, name, false, e.toString());
        }
    }

    /** The case's events through the job's engine, in the order given; each detection described. */
    private static List<String> detections(
            CompiledRule rule, JsonNode events, Directory directory, List<String> failures)
            throws Exception {
        RuleEngine engine = new RuleEngine(5_000);
        RuleIndex index = new RuleIndex();
        index.put(rule);
        RuleEngine.ProgressStore store = new MemoryProgressStore();
        List<String> actual = new ArrayList<>();
        int n = 0;
        for (JsonNode node : events) {
            SecurityEvent e = event((ObjectNode) node.deepCopy(), rule.definition().orgId, ++n);
            directory.resolve(e);
            for (Detection d :
                    engine.evaluate(
                            index.candidates(e),
                            e,
                            store,
                            0,
                            (r, err) -> failures.add(err.getMessage()))) {
                actual.add(describe(d.userId, List.of(d.eventUids)));
            }
        }
        return actual;
    }

    /**
     * Why {@code expect} is not a non-empty list of detections with user_id and event_uids, or
     * null.
     */
    private static String expectationProblem(JsonNode expect) {
        if (!expect.isArray() || expect.isEmpty()) {
            return "expect must be a list of detections or 'none'";
        }
        for (JsonNode d : expect) {
            if (!d.has("user_id") || !d.path("event_uids").isArray()) {
                return "each expected detection needs user_id (null when unresolved) and"
                        + " event_uids";
            }
        }
        return null;
    }

    private static List<String> expected(JsonNode expect) {
        List<String> expected = new ArrayList<>();
        for (JsonNode d : expect) {
            List<String> uids = new ArrayList<>();
            d.path("event_uids").forEach(u -> uids.add(u.asText()));
            expected.add(
                    describe(d.hasNonNull("user_id") ? d.get("user_id").asText() : null, uids));
        }
        return expected;
    }

    /**
     * The case's users, by identity: events are resolved and given profiles the way the directory
     * stages do.
     */
    private static final class Directory {
        private final Map<String, UserProfile> byIdentity = new HashMap<>();
        private final Map<String, String> userIdByIdentity = new HashMap<>();

        static Directory of(JsonNode users) throws IOException {
            Directory directory = new Directory();
            for (JsonNode u : users) {
                UserRecord user = YAML.treeToValue(u, UserRecord.class);
                for (String identity : user.identities()) {
                    directory.byIdentity.put(identity, UserProfile.of(user));
                    directory.userIdByIdentity.put(identity, user.userId);
                }
            }
            return directory;
        }

        void resolve(SecurityEvent e) {
            e.identityKey = Identities.lookupKey(e);
            e.userId = e.identityKey == null ? null : userIdByIdentity.get(e.identityKey);
            e.user = e.identityKey == null ? null : byIdentity.get(e.identityKey);
        }
    }

    private static SecurityEvent event(ObjectNode node, String orgId, int n) throws IOException {
        JsonNode time = node.get("event_time");
        if (time != null && time.isTextual()) {
            node.put("event_time", Instant.parse(time.asText()).toEpochMilli());
        }
        SecurityEvent e = YAML.treeToValue(node, SecurityEvent.class);
        if (e.orgId == null) {
            e.orgId = orgId;
        }
        if (e.eventUid == null) {
            e.eventUid = "event-" + n;
        }
        return e;
    }

    private static String describe(String userId, List<String> uids) {
        return (userId == null ? "(unresolved)" : userId)
                + (uids.isEmpty() ? "" : " " + new TreeSet<>(uids));
    }
}
