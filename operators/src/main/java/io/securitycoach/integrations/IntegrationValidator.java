package io.securitycoach.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.control.TenantSecretPolicy;
import io.securitycoach.rules.Durations;
import io.securitycoach.schema.Json;
import io.securitycoach.validation.Problems;
import java.net.InetAddress;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an {@code integration_upsert}'s definition (JSON: vendor, base_url, auth, client_id,
 * secret, or private_key and key_id for Okta's service apps, tenant_id, poll_interval, page_size,
 * backfill, start_time) and refuses what must not run: an unknown vendor or key, a secret outside
 * the org's own namespace, a base URL that is not https on one of the vendor's host patterns
 * (loopback and private addresses only when the operator allows local integrations), intervals and
 * sizes outside the vendor's limits.
 */
public final class IntegrationValidator {
    static final int MAX_PAYLOAD_CHARS = 8 * 1024;
    private static final Set<String> KEYS =
            Set.of(
                    "vendor",
                    "base_url",
                    "auth",
                    "client_id",
                    "secret",
                    "private_key",
                    "key_id",
                    "tenant_id",
                    "poll_interval",
                    "page_size",
                    "backfill",
                    "start_time",
                    "paused");

    /** Credential kinds that are one token with no client or principal beside it. */
    private static final Set<String> TOKEN_ONLY = Set.of("ssws", "token");

    private final IntegrationSettings settings;

    public IntegrationValidator(IntegrationSettings settings) {
        this.settings = settings;
    }

    /** The definition, or null with the problems added. */
    public IntegrationDefinition read(
            String orgId, String vendor, long version, String payload, Problems problems) {
        VendorApi api = VendorApis.get(vendor);
        if (api == null) {
            problems.add(
                    "rule_id",
                    "unknown integration vendor '"
                            + printable(vendor)
                            + "'; known: "
                            + String.join(", ", VendorApis.names()));
            return null;
        }
        JsonNode json = parse(payload, problems);
        if (json == null) {
            return null;
        }
        IntegrationDefinition d = new IntegrationDefinition();
        d.orgId = orgId;
        d.vendor = vendor;
        d.version = version;
        unknownKeys(json, problems);
        if (json.has("vendor") && !vendor.equals(json.path("vendor").asText())) {
            problems.add(
                    "vendor", "the definition names another vendor than rule_id '" + vendor + "'");
        }
        d.baseUrl = baseUrl(api, json.path("base_url").asText(null), problems);
        credentials(api, d, json, problems);
        timing(api, d, json, problems);
        return problems.isEmpty() ? d : null;
    }

    private static JsonNode parse(String payload, Problems problems) {
        if (payload == null || payload.isBlank()) {
            problems.add("payload", "missing (the integration's JSON definition)");
            return null;
        }
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            problems.add("payload", "over " + MAX_PAYLOAD_CHARS + " characters");
            return null;
        }
        try {
            JsonNode json = Json.mapper().readTree(payload);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (Exception e) {
            // answered below without echoing the text (it may hold a pasted secret)
        }
        problems.add("payload", "not a JSON object");
        return null;
    }

    private static void unknownKeys(JsonNode json, Problems problems) {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(printable(key), "unknown key");
            }
        }
    }

    /** The tenant's base URL, checked, without a trailing slash; the vendor's own when fixed. */
    String baseUrl(VendorApi api, String given, Problems problems) {
        if (given == null) {
            if (api.fixedBaseUrl() == null) {
                problems.add(
                        "base_url",
                        "missing (your "
                                + api.name()
                                + " domain, e.g. https://"
                                + api.hostPatterns().get(0).replace("*", "example")
                                + ")");
            }
            return api.fixedBaseUrl();
        }
        URI uri;
        try {
            uri = URI.create(given.trim());
        } catch (IllegalArgumentException e) {
            problems.add("base_url", "not a URL");
            return null;
        }
        String problem = urlProblem(api, uri);
        if (problem != null) {
            problems.add("base_url", problem);
            return null;
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private String urlProblem(VendorApi api, URI uri) {
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return "must be https://host[/path] without user info, query or fragment";
        }
        boolean local = settings.allowLocal && isLocal(host);
        if (!"https".equalsIgnoreCase(uri.getScheme())
                && !(local && "http".equalsIgnoreCase(uri.getScheme()))) {
            return "must be https";
        }
        if (local) {
            return null; // the operator's stand-ins; the address is checked again at every request
        }
        if (isLiteralAddress(host)) {
            return "must be a host name, not an address";
        }
        if (api.fixedBaseUrl() != null) {
            return URI.create(api.fixedBaseUrl()).getHost().equals(host)
                    ? null
                    : "must be " + api.fixedBaseUrl();
        }
        if (matchesAny(host, api.hostPatterns())
                || settings.allowCustomDomains && api.customDomains()) {
            return null;
        }
        return "host "
                + host
                + " is not one of "
                + api.name()
                + "'s domains ("
                + String.join(", ", api.hostPatterns())
                + (api.customDomains()
                        ? "); custom domains only where the operator allows them"
                        : ")");
    }

    static boolean matchesAny(String host, List<String> patterns) {
        for (String p : patterns) {
            if (p.startsWith("*.")
                    ? host.endsWith(p.substring(1)) && host.length() > p.length() - 1
                    : host.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLocal(String host) {
        if ("localhost".equals(host)) {
            return true;
        }
        if (!isLiteralAddress(host)) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(host); // a literal: no DNS
            return a.isLoopbackAddress() || a.isSiteLocalAddress();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isLiteralAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":") || host.startsWith("[");
    }

    private static void credentials(
            VendorApi api, IntegrationDefinition d, JsonNode json, Problems problems) {
        d.auth = json.path("auth").asText(api.authKinds().get(0));
        if (!api.authKinds().contains(d.auth)) {
            problems.add("auth", "must be one of " + api.authKinds());
        }
        d.clientId = json.path("client_id").asText(null);
        d.tenantId = json.path("tenant_id").asText(null);
        if (api.needsTenantId()
                && (d.tenantId == null || !d.tenantId.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,99}"))) {
            problems.add("tenant_id", "missing or not a tenant id (a GUID or a domain)");
        }
        if (!TOKEN_ONLY.contains(d.auth) && (d.clientId == null || d.clientId.isBlank())) {
            problems.add("client_id", "missing (the " + d.auth + " client or principal)");
        }
        boolean signed = api.oauthWithPrivateKey() && "oauth".equals(d.auth);
        String used = signed ? "private_key" : "secret";
        String unused = signed ? "secret" : "private_key";
        if (json.has(unused)) {
            problems.add(unused, "not used with auth " + d.auth + " (give " + used + ")");
        }
        d.secretRef = secretReference(d.orgId, used, json.path(used).asText(null), problems);
        keyId(signed, d, json, problems);
    }

    /** The reference, checked to be the org's own, or null with a problem. */
    private static String secretReference(String orgId, String key, String ref, Problems problems) {
        if (ref == null) {
            problems.add(
                    key,
                    "missing (a secret reference such as env:, file: or aws-secrets-manager:)");
            return null;
        }
        return TenantSecretPolicy.accept(orgId, key, ref, problems) ? ref : null;
    }

    /** The optional {@code kid} of a service app's key: a short printable id. */
    private static void keyId(
            boolean signed, IntegrationDefinition d, JsonNode json, Problems problems) {
        if (!json.has("key_id")) {
            return;
        }
        d.keyId = json.path("key_id").asText("");
        if (!signed) {
            problems.add("key_id", "only for auth oauth with a private_key");
        } else if (!d.keyId.matches("[A-Za-z0-9_.-]{1,100}")) {
            problems.add("key_id", "not a key id (letters, digits, _ . - up to 100)");
        }
    }

    private void timing(VendorApi api, IntegrationDefinition d, JsonNode json, Problems problems) {
        long minInterval =
                settings.allowLocal
                        ? 50
                        : Math.max(settings.minPollIntervalMillis, api.minPollIntervalMillis());
        long defaultInterval =
                Math.min(Math.max(settings.defaultPollIntervalMillis, minInterval), 3_600_000);
        d.pollIntervalMillis = millis(json, "poll_interval", defaultInterval, problems);
        if (d.pollIntervalMillis < minInterval || d.pollIntervalMillis > 3_600_000) {
            problems.add("poll_interval", "must be between " + minInterval + " ms and 1h");
        }
        d.pageSize = json.path("page_size").asInt(api.defaultPageSize());
        if (d.pageSize < 1 || d.pageSize > api.maxPageSize()) {
            problems.add("page_size", "must be between 1 and " + api.maxPageSize());
        }
        long defaultBackfill = Math.min(settings.defaultBackfillMillis, api.maxBackfillMillis());
        d.backfillMillis = millis(json, "backfill", defaultBackfill, problems);
        if (d.backfillMillis < 0 || d.backfillMillis > api.maxBackfillMillis()) {
            problems.add(
                    "backfill",
                    "must be at most "
                            + api.maxBackfillMillis() / 86_400_000L
                            + " days (what "
                            + api.name()
                            + " keeps)");
        }
        if (json.hasNonNull("start_time")) {
            d.startTime = Urls.millis(json.get("start_time").asText());
            if (d.startTime < 0) {
                problems.add("start_time", "not an ISO-8601 instant");
            }
        }
        d.paused = json.path("paused").asBoolean(false);
    }

    private static long millis(JsonNode json, String key, long fallback, Problems problems) {
        if (!json.hasNonNull(key)) {
            return fallback;
        }
        try {
            return Durations.parse(json.get(key).asText()).toMillis();
        } catch (RuntimeException e) {
            problems.add(key, "not a duration (e.g. 60s, 5m, 24h)");
            return fallback;
        }
    }

    private static String printable(String s) {
        String t = String.valueOf(s);
        t = t.length() > 80 ? t.substring(0, 80) + "..." : t;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
