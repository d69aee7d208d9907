package io.securitycoach.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./coach run --demo-integrations}: a stand-in for every vendor API the job polls, with
 * generated events for the people of each sample org, and the integrations that fetch from them
 * (their tokens written as the org's own file secrets).
 */
public final class DemoIntegrations implements AutoCloseable {
    static final int EVENTS_PER_ORG = 60;

    private final List<AutoCloseable> standIns = new ArrayList<>();
    private final List<ControlMessage> messages = new ArrayList<>();

    private DemoIntegrations() {}

    /**
     * Starts the stand-ins for the orgs of the directory file(s) under {@code users}; secrets go
     * under {@code secretsDir/orgs/<org>/}.
     */
    public static DemoIntegrations start(Path users, Path secretsDir) throws IOException {
        DemoIntegrations demo = new DemoIntegrations();
        Instant start = Instant.now().minusSeconds(3600);
        for (Map.Entry<String, List<String>> org : emailsByOrg(users).entrySet()) {
            demo.okta(org.getKey(), org.getValue(), start, secretsDir);
            demo.crowdStrike(org.getKey(), org.getValue(), start, secretsDir);
            demo.proofpoint(org.getKey(), org.getValue(), secretsDir);
            demo.netskope(org.getKey(), org.getValue(), start, secretsDir);
        }
        return demo;
    }

    private void okta(String org, List<String> emails, Instant start, Path secretsDir)
            throws IOException {
        String token = writeSecret(secretsDir, org, "okta-token", "demo");
        OktaStandIn okta = OktaStandIn.builder().apiToken(token).rateLimit(20, 1000).start();
        standIns.add(okta);
        okta.store(OktaEvents.generate(org, emails, EVENTS_PER_ORG, start, org.hashCode()));
        okta.faults().burst(429, 1).burst(503, 1); // a newcomer sees them obeyed in the log
        integrate(org, "okta", okta.baseUrl(), "okta-token", definition().put("page_size", 25));
    }

    /** A Falcon cloud per org: Alerts API v2 with its own API client and the org's alerts. */
    private void crowdStrike(String org, List<String> emails, Instant start, Path secretsDir)
            throws IOException {
        String file = "crowdstrike-client-secret";
        String secret = writeSecret(secretsDir, org, file, "demo-falcon");
        CrowdStrikeStandIn falcon =
                CrowdStrikeStandIn.builder()
                        .apiClient("demo-falcon-" + org, secret, 1799)
                        .rateLimit(20, 1000)
                        .start();
        standIns.add(falcon);
        falcon.store(
                CrowdStrikeAlertRecords.generate(
                        org, emails, EVENTS_PER_ORG / 2, start, 10, org.hashCode() + 23L));
        falcon.faults().burst(429, 1).burst(503, 1);
        integrate(
                org,
                "crowdstrike",
                falcon.baseUrl(),
                file,
                definition().put("client_id", "demo-falcon-" + org).put("page_size", 20));
    }

    /**
     * A TAP stand-in per org: an hour of clicks and messages ending five minutes ago (TAP's data is
     * fetched a minute behind now), a 429 and a 503 to obey, the principal's secret a file.
     */
    private void proofpoint(String org, List<String> emails, Path secretsDir) throws IOException {
        String secret = writeSecret(secretsDir, org, "proofpoint-secret", "demo-tap");
        ProofpointTapStandIn tap = new ProofpointTapStandIn("sp-" + org, secret, 20, 1000);
        standIns.add(tap);
        Instant from = Instant.now().minusSeconds(3900);
        tap.store(ProofpointTapEvents.generate("tap-" + org, emails, EVENTS_PER_ORG, from, 60));
        tap.faults().burst(429, 1).burst(503, 1);
        integrate(
                org,
                "proofpoint",
                tap.baseUrl(),
                "proofpoint-secret",
                definition().put("client_id", "sp-" + org));
    }

    private void netskope(String org, List<String> emails, Instant start, Path secretsDir)
            throws IOException {
        String token = writeSecret(secretsDir, org, "netskope-token", "demo-nsk");
        NetskopeStandIn netskope =
                NetskopeStandIn.builder().token(token).pageSize(10).waitTime(1).start();
        standIns.add(netskope);
        netskope.store(
                NetskopeEvents.generate(org, emails, EVENTS_PER_ORG, start, ~org.hashCode()));
        netskope.faults().burst(503, 1); // a newcomer sees it met with a resend
        integrate(
                org,
                "netskope",
                netskope.baseUrl(),
                "netskope-token",
                definition().put("auth", "token"));
    }

    /** A fresh secret ({@code prefix-org-nonce}) written as the org's file secret {@code file}. */
    private static String writeSecret(Path secretsDir, String org, String file, String prefix)
            throws IOException {
        String secret = prefix + "-" + org + "-" + Long.toHexString(System.nanoTime());
        Path dir = Files.createDirectories(secretsDir.resolve("orgs").resolve(org));
        Files.writeString(dir.resolve(file), secret);
        return secret;
    }

    /**
     * A definition's vendor-specific fields start here; {@link #integrate} adds the common ones.
     */
    private static ObjectNode definition() {
        return Json.mapper().createObjectNode();
    }

    /**
     * The org's upsert of the {@code vendor} integration: the stand-in's URL, the org's file
     * secret, a five-second poll and a two-hour backfill, with the vendor's own fields.
     */
    private void integrate(
            String org, String vendor, String baseUrl, String secretFile, ObjectNode fields) {
        ObjectNode definition =
                Json.mapper()
                        .createObjectNode()
                        .put("base_url", baseUrl)
                        .put("secret", "file:orgs/" + org + "/" + secretFile)
                        .put("poll_interval", "5s")
                        .put("backfill", "2h");
        definition.setAll(fields);
        ControlMessage m = new ControlMessage();
        m.type = ControlMessage.INTEGRATION_UPSERT;
        m.orgId = org;
        m.ruleId = vendor;
        m.version = 1;
        m.payload = definition.toString();
        m.source = "demo-integrations";
        messages.add(m);
    }

    /** The integrations' control messages. */
    public List<ControlMessage> messages() {
        return messages;
    }

    private static Map<String, List<String>> emailsByOrg(Path users) throws IOException {
        Map<String, List<String>> byOrg = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(users)) {
            try (var all = Files.list(users)) {
                all.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
            }
        } else if (Files.exists(users)) {
            files.add(users);
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                JsonNode u = person(line);
                if (u != null && u.hasNonNull("email") && !u.path("deleted").asBoolean(false)) {
                    byOrg.computeIfAbsent(u.path("org_id").asText(), k -> new ArrayList<>())
                            .add(u.get("email").asText());
                }
            }
        }
        return byOrg;
    }

    /**
     * A directory line, or null for one the demo skips (the samples hold broken lines on purpose).
     */
    private static JsonNode person(String line) {
        try {
            return line.isBlank() ? null : Json.mapper().readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable s : standIns) {
            s.close();
        }
    }
}
