package io.securitycoach.bench.pipeline;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.standins.CrowdStrikeAlertRecords;
import io.securitycoach.standins.CrowdStrikeStandIn;
import io.securitycoach.standins.GraphAlerts;
import io.securitycoach.standins.GraphStandIn;
import io.securitycoach.standins.NetskopeEvents;
import io.securitycoach.standins.NetskopeStandIn;
import io.securitycoach.standins.OktaEvents;
import io.securitycoach.standins.OktaStandIn;
import io.securitycoach.standins.ProofpointTapEvents;
import io.securitycoach.standins.ProofpointTapStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One vendor's stand-in for the integration load run: {@code events} generated records for one org,
 * no scripted faults and a rate limit far above what one integration asks (the run measures the
 * job, not a vendor's quota), the credential written as the org's file secret, and the integration
 * that fetches from it (poll interval at the local minimum, the given page size).
 */
final class IntegrationStandIn implements AutoCloseable {
    static final List<String> VENDORS =
            List.of("okta", "graph", "crowdstrike", "proofpoint", "netskope");
    static final String ORG = "acme";
    private static final int UNLIMITED = 1_000_000;

    final String vendor;
    private final AutoCloseable server;
    private final LongSupplier requests;
    final ControlMessage integration;

    private IntegrationStandIn(
            String vendor,
            AutoCloseable server,
            LongSupplier requests,
            ControlMessage integration) {
        this.vendor = vendor;
        this.server = server;
        this.requests = requests;
        this.integration = integration;
    }

    /** Requests the stand-in answered (tokens and pages). */
    long requestsServed() {
        return requests.getAsLong();
    }

    /** The vendor API name an integration upsert names (its rule id). */
    static String apiName(String vendor) {
        return "graph".equals(vendor) ? "microsoft-graph" : vendor;
    }

    static IntegrationStandIn start(
            String vendor, List<String> emails, int events, int pageSize, Path secrets)
            throws IOException {
        Path dir = Files.createDirectories(secrets.resolve("orgs").resolve(ORG));
        Instant start = Instant.now().minusSeconds(7200);
        switch (vendor) {
            case "okta":
                return okta(emails, events, pageSize, dir, start);
            case "graph":
                return graph(emails, events, pageSize, dir, start);
            case "crowdstrike":
                return crowdStrike(emails, events, pageSize, dir, start);
            case "proofpoint":
                return proofpoint(emails, events, dir);
            case "netskope":
                return netskope(emails, events, pageSize, dir, start);
            default:
                throw new IllegalArgumentException(
                        "unknown vendor " + vendor + "; one of " + VENDORS);
        }
    }

    private static IntegrationStandIn okta(
            List<String> emails, int events, int pageSize, Path dir, Instant start)
            throws IOException {
        Files.writeString(dir.resolve("okta-token"), "load-okta-token");
        OktaStandIn okta =
                OktaStandIn.builder()
                        .apiToken("load-okta-token")
                        .rateLimit(UNLIMITED, 1000)
                        .start();
        okta.store(OktaEvents.generate(ORG, emails, events, start, 7));
        String json =
                "{\"base_url\": \""
                        + okta.baseUrl()
                        + "\", \"secret\": \"file:orgs/acme/okta-token\", "
                        + common(pageSize);
        return new IntegrationStandIn("okta", okta, okta::requestsServed, upsert("okta", json));
    }

    private static IntegrationStandIn graph(
            List<String> emails, int events, int pageSize, Path dir, Instant start)
            throws IOException {
        Files.writeString(dir.resolve("graph-secret"), "load-graph-secret");
        GraphStandIn graph =
                new GraphStandIn("tenant-1", "app-1", "load-graph-secret", 3600, UNLIMITED);
        graph.store(GraphAlerts.generate(emails, events, start, 3));
        String json =
                "{\"base_url\": \""
                        + graph.baseUrl()
                        + "\", \"tenant_id\": \"tenant-1\", \"client_id\": \"app-1\","
                        + " \"secret\": \"file:orgs/acme/graph-secret\", "
                        + common(pageSize);
        return new IntegrationStandIn(
                "graph", graph, graph::requestsServed, upsert("microsoft-graph", json));
    }

    private static IntegrationStandIn crowdStrike(
            List<String> emails, int events, int pageSize, Path dir, Instant start)
            throws IOException {
        Files.writeString(dir.resolve("crowdstrike-client-secret"), "load-falcon-secret");
        CrowdStrikeStandIn falcon =
                CrowdStrikeStandIn.builder()
                        .apiClient("falcon-acme", "load-falcon-secret", 1799)
                        .rateLimit(UNLIMITED, 1000)
                        .start();
        falcon.store(CrowdStrikeAlertRecords.generate(ORG, emails, events, start, 0, 23));
        String json =
                "{\"base_url\": \""
                        + falcon.baseUrl()
                        + "\", \"client_id\": \"falcon-acme\","
                        + " \"secret\": \"file:orgs/acme/crowdstrike-client-secret\", "
                        + common(pageSize);
        return new IntegrationStandIn(
                "crowdstrike", falcon, falcon::requestsServed, upsert("crowdstrike", json));
    }

    /** TAP pages are time windows (page size 1): every record in the last hour, a minute back. */
    private static IntegrationStandIn proofpoint(List<String> emails, int events, Path dir)
            throws IOException {
        Files.writeString(dir.resolve("proofpoint-secret"), "load-tap-secret");
        ProofpointTapStandIn tap =
                new ProofpointTapStandIn("sp-acme", "load-tap-secret", UNLIMITED, 1000);
        tap.store(
                ProofpointTapEvents.generate(
                        "tap-acme", emails, events, Instant.now().minusSeconds(3900), 0));
        String json =
                "{\"base_url\": \""
                        + tap.baseUrl()
                        + "\", \"client_id\": \"sp-acme\","
                        + " \"secret\": \"file:orgs/acme/proofpoint-secret\","
                        + " \"poll_interval\": \"50ms\", \"backfill\": \"2h\"}";
        return new IntegrationStandIn(
                "proofpoint", tap, tap::requestsServed, upsert("proofpoint", json));
    }

    /** Netskope chooses its page size: the stand-in is told it; the definition does not send it. */
    private static IntegrationStandIn netskope(
            List<String> emails, int events, int pageSize, Path dir, Instant start)
            throws IOException {
        Files.writeString(dir.resolve("netskope-token"), "load-nsk-token");
        NetskopeStandIn netskope =
                NetskopeStandIn.builder()
                        .token("load-nsk-token")
                        .rateLimit(UNLIMITED, 1000)
                        .pageSize(pageSize)
                        .waitTime(1)
                        .start();
        netskope.store(NetskopeEvents.generate(ORG, emails, events, start, 5));
        String json =
                "{\"base_url\": \""
                        + netskope.baseUrl()
                        + "\", \"auth\": \"token\", \"secret\": \"file:orgs/acme/netskope-token\","
                        + " \"poll_interval\": \"50ms\", \"backfill\": \"3h\"}";
        return new IntegrationStandIn(
                "netskope", netskope, netskope::requestsServed, upsert("netskope", json));
    }

    private static String common(int pageSize) {
        return "\"poll_interval\": \"50ms\", \"page_size\": "
                + pageSize
                + ", \"backfill\": \"3h\"}";
    }

    private static ControlMessage upsert(String api, String json) {
        ControlMessage m = new ControlMessage();
        m.type = ControlMessage.INTEGRATION_UPSERT;
        m.orgId = ORG;
        m.ruleId = api;
        m.version = 1;
        m.payload = json;
        m.source = "integration-load-run";
        return m;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
