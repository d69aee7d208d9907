package io.securitycoach.integrations.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.integrations.Page;
import io.securitycoach.integrations.PageAcknowledgements;
import io.securitycoach.integrations.Urls;
import io.securitycoach.integrations.VendorApi;
import io.securitycoach.integrations.VendorCall;
import io.securitycoach.integrations.VendorException;
import io.securitycoach.notify.channels.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Netskope REST API v2 data export ("iterator") endpoints, {@code
 * /api/v2/events/dataexport/{alerts|events}/{type}?index=...&operation=...}, with a REST API v2
 * token in {@code Netskope-Api-Token}. Netskope keeps the position of each iterator index on its
 * side: {@code operation=<epoch seconds>} positions it and returns the first page, {@code next}
 * returns the page after the last one and moves the index, {@code resend} serves the last page
 * again without moving it. Each answer says in {@code wait_time} how many seconds to wait before
 * the next call on that index.
 *
 * <p>Because the index moves on Netskope's side, a page emitted but not yet in a completed
 * checkpoint would be skipped by a restore that asked for {@code next}. So a stream asks for {@code
 * next} only once its last page is in a completed checkpoint ({@link PageAcknowledgements}); after
 * a restore (or a failed request) it first asks for {@code resend}: the page that comes back is
 * either the one the restored state ends with (recognised by its fingerprint and dropped) or the
 * one page fetched after the checkpoint (emitted). Repeats are also dropped by {@code _id}.
 */
public final class NetskopeDataExport implements VendorApi {
    public static final String NAME = "netskope";
    static final String TOKEN_HEADER = "Netskope-Api-Token";

    /** The streams coaching reads: alerts by type, and application and page events. */
    public static final List<String> STREAMS =
            List.of(
                    "alerts/dlp",
                    "alerts/malware",
                    "alerts/malsite",
                    "alerts/policy",
                    "alerts/uba",
                    "alerts/compromisedcredential",
                    "events/application",
                    "events/page");

    /** How soon a stream waiting for a checkpoint looks again. */
    static final long CHECKPOINT_WAIT_MILLIS = 200;

    /** The longest wait an answer may impose (a lying answer cannot stop the integration). */
    static final long MAX_WAIT_MILLIS = 3_600_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String normalizerVendor() {
        return "netskope";
    }

    @Override
    public String fixedBaseUrl() {
        return null;
    }

    @Override
    public List<String> hostPatterns() {
        // regional tenants (acme.eu.goskope.com, acme.de.goskope.com) are under it too
        return List.of("*.goskope.com");
    }

    /** Netskope tenants live on Netskope's domains only: no operator exception. */
    @Override
    public boolean customDomains() {
        return false;
    }

    @Override
    public List<String> authKinds() {
        return List.of("token");
    }

    /** Netskope chooses the page size (up to 10,000 records); {@code page_size} is not sent. */
    @Override
    public int defaultPageSize() {
        return 10_000;
    }

    @Override
    public int maxPageSize() {
        return 10_000;
    }

    @Override
    public long maxBackfillMillis() {
        return Duration.ofDays(7).toMillis();
    }

    @Override
    public Page fetch(IntegrationDefinition def, IntegrationCursor cursor, VendorCall call)
            throws VendorException {
        NetskopeIterators its = NetskopeIterators.of(STREAMS, cursor.next);
        long now = call.now();
        PageAcknowledgements acks = call.acknowledgements();
        NetskopeIterators.Stream s = choose(its, def, acks, now);
        if (s == null) {
            return idle(its, def, acks, now);
        }
        String operation =
                !s.opened
                        ? String.valueOf(Math.max(0, cursor.since / 1000))
                        : acks.state(def.key(), s.name) == PageAcknowledgements.State.SETTLED
                                ? "next"
                                : "resend";
        URI uri =
                URI.create(
                        def.baseUrl
                                + "/api/v2/events/dataexport/"
                                + s.name
                                + "?index="
                                + Urls.encode(indexName(def))
                                + "&operation="
                                + operation);
        Reply reply;
        try {
            reply =
                    call.get(
                            uri, Map.of(TOKEN_HEADER, call.secret(), "Accept", "application/json"));
            if (reply.status != 200) {
                throw failure(reply, s.name, now);
            }
        } catch (VendorException e) {
            acks.lost(def.key(), s.name); // it may have moved the index: ask for resend next
            throw e;
        }
        return page(def, its, s, operation, reply, acks, now);
    }

    /** The next stream that may be asked now, in turn; null when every one must wait. */
    private static NetskopeIterators.Stream choose(
            NetskopeIterators its, IntegrationDefinition def, PageAcknowledgements acks, long now) {
        int n = its.streams.size();
        for (int i = 1; i <= n; i++) {
            NetskopeIterators.Stream s = its.streams.get(Math.floorMod(its.turn + i, n));
            boolean ready = s.waitUntil <= now && !s.idle(now, def.pollIntervalMillis);
            if (ready && acks.state(def.key(), s.name) != PageAcknowledgements.State.PENDING) {
                return s;
            }
        }
        return null;
    }

    /** Nothing may be asked now: an empty page saying when something may. */
    private static Page idle(
            NetskopeIterators its, IntegrationDefinition def, PageAcknowledgements acks, long now) {
        long earliest = Long.MAX_VALUE;
        for (NetskopeIterators.Stream s : its.streams) {
            if (s.waitUntil > now) {
                earliest = Math.min(earliest, s.waitUntil);
            } else if (s.idle(now, def.pollIntervalMillis)) {
                earliest = Math.min(earliest, s.askedAt + def.pollIntervalMillis);
            } else if (acks.state(def.key(), s.name) == PageAcknowledgements.State.PENDING) {
                earliest = Math.min(earliest, now + CHECKPOINT_WAIT_MILLIS);
            }
        }
        Page page = new Page();
        page.next = its.text();
        page.caughtUp = its.caughtUp(now, def.pollIntervalMillis);
        page.notBefore = earliest == Long.MAX_VALUE ? now + CHECKPOINT_WAIT_MILLIS : earliest;
        page.describe = "dataexport waiting";
        return page;
    }

    private static Page page(
            IntegrationDefinition def,
            NetskopeIterators its,
            NetskopeIterators.Stream s,
            String operation,
            Reply reply,
            PageAcknowledgements acks,
            long now)
            throws VendorException {
        if (reply.truncated) {
            acks.lost(def.key(), s.name);
            throw new VendorException(
                    VendorException.Kind.PROTOCOL,
                    "Netskope's page on " + s.name + " is over the poller's response limit");
        }
        JsonNode body = VendorCall.readJson(reply.body, "Netskope's answer");
        JsonNode result = body.path("result");
        if (body.path("ok").asInt(0) != 1 || !result.isArray()) {
            acks.lost(def.key(), s.name);
            throw new VendorException(
                    VendorException.Kind.PROTOCOL,
                    "Netskope's answer on " + s.name + " is not ok with a result array");
        }
        List<Page.Item> items = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode r : result) {
            String id = r.path("_id").asText(null);
            ids.add(id != null ? id : r.toString());
            items.add(new Page.Item(id, r.path("timestamp").asLong(0) * 1000L, r.toString()));
        }
        String fingerprint = NetskopeIterators.fingerprint(ids);
        Page page = new Page();
        boolean repeat = "resend".equals(operation) && fingerprint.equals(s.fingerprint);
        if (repeat || items.isEmpty()) {
            acks.confirmed(def.key(), s.name); // nothing to lose if the index moves on
        } else {
            page.items.addAll(items);
            acks.fetched(def.key(), s.name);
        }
        s.fingerprint = fingerprint;
        s.opened = true;
        s.drained = items.isEmpty();
        s.askedAt = now;
        long wait = Math.min(MAX_WAIT_MILLIS, Math.max(0, body.path("wait_time").asLong(0) * 1000));
        s.waitUntil = now + wait;
        its.turn = its.streams.indexOf(s);
        page.next = its.text();
        page.caughtUp = its.caughtUp(now, def.pollIntervalMillis);
        long limited = rateLimitWait(reply);
        page.notBefore = limited > 0 ? now + limited : 0;
        page.describe =
                s.name + " operation=" + operation + (repeat ? " (the page already emitted)" : "");
        return page;
    }

    /** The failure an answer other than 200 on a stream means. */
    static VendorException failure(Reply reply, String stream, long now) {
        String said = "Netskope " + stream + " answered " + reply.status;
        switch (reply.status) {
            case 401:
                return new VendorException(
                        VendorException.Kind.AUTH_FAILED, said + ": the API token was refused");
            case 403:
                return new VendorException(
                        VendorException.Kind.FORBIDDEN,
                        said + ": the token is not granted /api/v2/events/dataexport/" + stream);
            case 409:
                return new VendorException(
                        VendorException.Kind.VENDOR_DOWN,
                        said + ": the index is in use by another request or consumer",
                        5_000);
            case 429:
                return new VendorException(
                        VendorException.Kind.RATE_LIMITED, said, rateLimitWait(reply));
            default:
                return VendorCall.failure(reply, "Netskope " + stream, now);
        }
    }

    /**
     * How long Netskope's rate limit headers ask us to wait: {@code Retry-After}, else {@code
     * Ratelimit-Reset} seconds once {@code Ratelimit-Remaining} is spent (0 when not limited).
     */
    static long rateLimitWait(Reply reply) {
        if (reply.retryAfterMillis > 0) {
            return Math.min(MAX_WAIT_MILLIS, reply.retryAfterMillis);
        }
        long remaining = number(reply.header("ratelimit-remaining"));
        long reset = number(reply.header("ratelimit-reset"));
        boolean spent = reply.status == 429 || remaining == 0;
        if (!spent) {
            return 0;
        }
        return reset > 0 ? Math.min(MAX_WAIT_MILLIS, reset * 1000L) : 1000;
    }

    private static long number(String v) {
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The integration's own iterator index: two integrations (two orgs, or one org's integration
     * re-created for another tenant) never share one, since Netskope's index is the consumer's
     * position and two consumers on one index steal each other's pages.
     */
    static String indexName(IntegrationDefinition def) {
        String plain = ("coach_" + def.orgId).replaceAll("[^A-Za-z0-9_]", "_");
        String source = def.orgId + "|" + def.baseUrl;
        String tag =
                UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .substring(0, 8);
        return (plain.length() > 40 ? plain.substring(0, 40) : plain) + "_" + tag;
    }
}
