package io.securitycoach.notify;

import io.securitycoach.coaching.ChannelName;
import io.securitycoach.notify.DestinationGuard.RefusedException;
import io.securitycoach.notify.channels.Attempt;
import io.securitycoach.notify.channels.Channel;
import io.securitycoach.notify.channels.SlackChannel;
import io.securitycoach.notify.channels.Target;
import io.securitycoach.notify.channels.TeamsChannel;
import io.securitycoach.notify.channels.WebhookChannel;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Notify stage (async I/O): sends each notification through its channel (Slack, Teams, webhook)
 * over a non-blocking HTTP client that connects only to addresses the SSRF check passed ({@link
 * GuardedTransport}). Retries 408, 429 (honouring Retry-After), 5xx, timeouts and connection errors
 * with exponential backoff; other answers are final. Destinations are resolved from secret
 * references at send time and must be public hosts (SSRF guard); per-host concurrency and a circuit
 * breaker keep one bad destination from stalling others. Every notification ends with exactly one
 * {@link DeliveryStatus}, never an exception.
 *
 * <p>Fair shares (the {@code notify} lane): a notification takes one of the task's async slots only
 * while its org and its destination are under their share ({@link FairShares}), and gives the slot
 * back instead of waiting: when the next attempt could not start within {@code maxHoldMillis} (a
 * long Retry-After, an open circuit) or the slot has been held that long, it ends with a {@code
 * parked} status and waits in keyed state ({@link ParkedNotifications}) for the retry lane, which
 * goes on with the attempts left and never parks. A 429 counts toward the destination's circuit
 * breaker, and a Retry-After of {@code maxHoldMillis} or more opens it for that long.
 *
 * <p>No thread waits for anything here: secret lookups and DNS each run on a small pool of their
 * own (a slow Secrets Manager or resolver holds only those threads), retry timers on their own
 * thread, and the rest are continuations of the HTTP client's futures.
 */
public class Notifier extends RichAsyncFunction<Notification, DeliveryStatus> {
    private static final int MAX_DETAIL_CHARS = 512;
    private static final String REFUSED = "destination_refused";
    private static final String PARKED_PREFIX = "parked:";

    private final NotifierSettings settings;

    /** True in the first lane (gives slots back by parking), false in the retry lane. */
    private final boolean parks;

    private transient Map<String, Channel> channels;
    private transient FairShares shares;
    private transient GuardedTransport http;

    /** Secret lookups (files, Secrets Manager calls), which may block. */
    private transient ExecutorService secretLookups;

    /** Retry timers only; what they start does not block. */
    private transient ScheduledExecutorService timers;

    private transient SecretResolver secrets;

    /** DNS for the SSRF guard, on threads of its own. */
    private transient HostLookups hostLookups;

    /** Tests replace DNS; null = the system resolver. */
    transient HostLookups.Resolver resolver;

    /** Tests narrow what counts as a public address; null = {@link AddressPolicy}. */
    transient Function<InetAddress, String> addressPolicy;

    private transient HostGate gate;

    /**
     * Deliveries in flight by their result future, so timeout() ends the same one (and stops its
     * retries).
     */
    private transient Map<ResultFuture<DeliveryStatus>, Delivery> inFlight;

    /** The first lane: fair shares, and parks what would hold its slot. */
    public Notifier(NotifierSettings settings) {
        this(settings, true);
    }

    /**
     * @param parks false for the retry lane: goes on with a parked notification's attempts left and
     *     ends it, as the notifier did before fair shares
     */
    public Notifier(NotifierSettings settings, boolean parks) {
        this.settings = settings;
        this.parks = parks;
    }

    @Override
    public void open(OpenContext openContext) {
        channels = new HashMap<>();
        for (Channel c : List.of(new SlackChannel(), new TeamsChannel(), new WebhookChannel())) {
            channels.put(c.name(), c);
        }
        secretLookups =
                Executors.newFixedThreadPool(
                        Math.max(1, settings.secretLookupThreads), daemon("notify-secrets"));
        ScheduledThreadPoolExecutor retryTimers =
                new ScheduledThreadPoolExecutor(1, daemon("notify-timers"));
        retryTimers.setRemoveOnCancelPolicy(true); // hold watchdogs go when their delivery ends
        timers = retryTimers;
        shares =
                new FairShares(
                        FairShares.orgSlots(settings.capacity, settings.orgSharePercent),
                        settings.destinationSlots);
        secrets = SecretResolver.of(settings, secretLookups);
        hostLookups =
                new HostLookups(
                        Math.max(1, settings.dnsLookupThreads),
                        resolver != null ? resolver : InetAddress::getAllByName);
        PinnedDns pins = new PinnedDns(Duration.ofMinutes(2));
        DestinationGuard guard =
                new DestinationGuard(
                        settings.allowedOrigins,
                        pins,
                        addressPolicy != null ? addressPolicy : AddressPolicy::refusal);
        http =
                new GuardedTransport(
                        guard,
                        pins,
                        hostLookups,
                        Duration.ofMillis(settings.requestTimeoutMillis),
                        settings.maxInFlightPerHost);
        gate =
                new HostGate(
                        settings.maxInFlightPerHost,
                        settings.circuitFailures,
                        settings.circuitOpenMillis);
        inFlight = new ConcurrentHashMap<>();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (timers != null) {
            timers.shutdownNow();
        }
        if (secretLookups != null) {
            secretLookups.shutdownNow();
        }
        if (http != null) {
            http.close();
        }
        if (hostLookups != null) {
            hostLookups.close();
        }
        if (secrets != null) {
            secrets.close();
        }
    }

    @Override
    public void asyncInvoke(Notification n, ResultFuture<DeliveryStatus> result) {
        Delivery d = new Delivery(n, result, System.currentTimeMillis(), inFlight);
        inFlight.put(result, d);
        try {
            if (parks && !admitted(d)) {
                return;
            }
            start(d); // returns at once: lookups and sends complete on other threads
        } catch (RuntimeException bug) {
            d.finish(DeliveryStatus.FAILED, d.attemptsMade(), 0, "internal_error", bug.toString());
        }
    }

    /**
     * Takes a slot within the org's and destination's shares and arms the hold watchdog; else parks
     * at once.
     */
    private boolean admitted(Delivery d) {
        String full = shares.acquire(d.n);
        if (full != null) {
            d.park(full, "no slot within the share", System.currentTimeMillis());
            return false;
        }
        d.shares = shares;
        d.watchdog =
                timers.schedule(
                        () ->
                                d.park(
                                        "slot_held_too_long",
                                        "still sending after " + settings.maxHoldMillis + " ms",
                                        System.currentTimeMillis()),
                        settings.maxHoldMillis,
                        TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public void timeout(Notification n, ResultFuture<DeliveryStatus> result) {
        // Only reached if the retry budget outlives the operator timeout; the notification still
        // ends with a status.
        Delivery d = inFlight.get(result);
        (d != null ? d : new Delivery(n, result, n.detectTime, inFlight))
                .finish(
                        DeliveryStatus.FAILED,
                        0,
                        0,
                        "async_timeout",
                        "no outcome within the async operator timeout");
    }

    private void start(Delivery d) {
        Channel channel = channels.get(d.n.channel);
        if (channel == null) {
            d.finish(DeliveryStatus.FAILED, 0, 0, "channel_not_configured", d.n.channel);
            return;
        }
        target(d.n, channel)
                .whenComplete(
                        (target, error) -> {
                            Throwable cause =
                                    error instanceof CompletionException && error.getCause() != null
                                            ? error.getCause()
                                            : error;
                            if (cause instanceof IllegalArgumentException) {
                                d.finish(
                                        DeliveryStatus.FAILED,
                                        0,
                                        0,
                                        "invalid_destination",
                                        "the destination is not a valid URL");
                            } else if (cause != null) {
                                // A final failure: the reason names the reference and what went
                                // wrong, never a value.
                                d.finish(
                                        DeliveryStatus.FAILED,
                                        0,
                                        0,
                                        "secret_unavailable",
                                        SecretResolver.unavailable(cause).getMessage());
                            } else {
                                attempt(d, channel, target, d.firstAttempt(settings.maxAttempts));
                            }
                        });
    }

    /**
     * Where and with what to send, once the secrets it needs are resolved. An org's own destination
     * (its settings name it) is signed with the org's own secret; the operator's endpoints with the
     * platform's. Only operator endpoints may use the operator's allow-list.
     */
    private CompletableFuture<Target> target(Notification n, Channel channel) {
        boolean orgDestination = !channel.needsToken() && n.destinationRef != null;
        CompletableFuture<String> endpoint =
                orgDestination
                        ? secrets.resolveAsync(n.destinationRef)
                        : CompletableFuture.completedFuture(settings.endpoints.get(n.channel));
        CompletableFuture<String> token =
                !channel.needsToken()
                        ? CompletableFuture.completedFuture(null)
                        // Slack: the org's reference names its bot token; the API base is
                        // configuration.
                        : secrets.resolveAsync(
                                n.destinationRef != null
                                        ? n.destinationRef
                                        : settings.slackTokenRef);
        CompletableFuture<String> signing = signingSecret(n, orgDestination);
        return CompletableFuture.allOf(endpoint, token, signing)
                .thenApply(
                        resolved -> {
                            if (endpoint.join() == null) {
                                throw new IllegalArgumentException("no destination");
                            }
                            return new Target(
                                    URI.create(endpoint.join()),
                                    !orgDestination,
                                    token.join(),
                                    signing.join());
                        });
    }

    private CompletableFuture<String> signingSecret(Notification n, boolean orgDestination) {
        if (!ChannelName.WEBHOOK.is(n.channel)) {
            return CompletableFuture.completedFuture(null);
        }
        if (orgDestination) {
            // Never the platform's secret on an org's endpoint: whoever verifies it could forge
            // others'.
            return n.signingSecretRef != null
                    ? secrets.resolveAsync(n.signingSecretRef)
                    : CompletableFuture.failedFuture(
                            new SecretResolver.SecretUnavailableException(
                                    "the org's settings name a webhook destination but no"
                                            + " signing_secret"));
        }
        return settings.signingSecretRef != null
                ? secrets.resolveAsync(settings.signingSecretRef)
                : CompletableFuture.completedFuture(null);
    }

    private void attempt(Delivery d, Channel channel, Target target, int attempt) {
        if (d.isDone()) {
            return; // ended meanwhile (operator timeout, parked): no more sends
        }
        d.attempted = attempt;
        try {
            send(
                    d, channel, target,
                    attempt); // the transport checks the destination again on every attempt
        } catch (RuntimeException bug) {
            // Callers are future callbacks and timers, which would swallow it and leave the
            // notification hanging.
            d.finish(DeliveryStatus.FAILED, attempt - 1, 0, "internal_error", bug.toString());
        }
    }

    /** Through the destination's gate: its concurrency limit and circuit breaker. */
    private void send(Delivery d, Channel channel, Target target, int attempt) {
        String host = gateKey(target);
        long openUntil = gate.openUntil(host);
        if (openUntil > 0) {
            retryOrFail(
                    d,
                    channel,
                    target,
                    attempt,
                    Attempt.retry(
                            0,
                            openUntil - System.currentTimeMillis(),
                            "circuit_open",
                            "too many consecutive failures at " + target.endpoint.getHost()));
            return;
        }
        gate.submit(
                host,
                () ->
                        call(d, channel, target)
                                .whenComplete(
                                        (a, error) ->
                                                completed(
                                                        d, channel, target, attempt, host, a,
                                                        error)));
    }

    /**
     * One gate per destination and credential: one org's throttled workspace must not close
     * slack.com for all.
     */
    private static String gateKey(Target target) {
        return target.endpoint.getHost()
                + ":"
                + target.endpoint.getPort()
                + "#"
                + Integer.toHexString(Objects.hash(target.token, target.endpoint.getPath()));
    }

    /** An attempt's call has ended: tell the gate, then finish the delivery or retry it. */
    private void completed(
            Delivery d,
            Channel channel,
            Target target,
            int attempt,
            String host,
            Attempt a,
            Throwable error) {
        try {
            Attempt outcome = error == null ? a : fromError(error);
            // A 429 counts: a destination that keeps throttling must not keep taking slots.
            gate.done(host, outcome.retryable);
            if (outcome.httpStatus == 429 && outcome.retryAfterMillis >= settings.maxHoldMillis) {
                gate.openFor(host, Math.min(outcome.retryAfterMillis, retryAfterCap()));
            }
            settle(d, channel, target, attempt, outcome);
        } catch (RuntimeException bug) {
            // An exception here would be lost in the future chain and leave the notification
            // hanging.
            d.finish(DeliveryStatus.FAILED, attempt, 0, "internal_error", bug.toString());
        }
    }

    private void settle(Delivery d, Channel channel, Target target, int attempt, Attempt outcome) {
        if (outcome.delivered) {
            d.finish(DeliveryStatus.DELIVERED, attempt, outcome.httpStatus, null, null);
        } else if (REFUSED.equals(outcome.reason)) {
            // nothing sent
            d.finish(DeliveryStatus.FAILED, attempt - 1, 0, REFUSED, outcome.detail);
        } else if (outcome.retryable) {
            retryOrFail(d, channel, target, attempt, outcome);
        } else {
            d.finish(
                    DeliveryStatus.FAILED,
                    attempt,
                    outcome.httpStatus,
                    outcome.reason,
                    outcome.detail);
        }
    }

    /**
     * The channel's attempt; a channel that throws instead of answering fails the attempt, not the
     * job.
     */
    private CompletableFuture<Attempt> call(Delivery d, Channel channel, Target target) {
        try {
            // The request timeout stops at the headers; a body trickling forever must still end the
            // attempt.
            return channel.send(d.n, target, http, Duration.ofMillis(settings.requestTimeoutMillis))
                    .orTimeout(3 * settings.requestTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException bug) {
            return CompletableFuture.completedFuture(
                    Attempt.fail(0, "internal_error", bug.toString()));
        }
    }

    private static Attempt fromError(Throwable error) {
        Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
        if (cause instanceof RefusedException) {
            return Attempt.fail(0, REFUSED, cause.getMessage());
        }
        boolean timedOut =
                cause instanceof SocketTimeoutException || cause instanceof TimeoutException;
        return Attempt.retry(
                0,
                -1,
                timedOut ? "timeout" : "connection_error",
                cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private void retryOrFail(
            Delivery d, Channel channel, Target target, int attempt, Attempt failed) {
        if (attempt >= settings.maxAttempts) {
            d.finish(
                    DeliveryStatus.FAILED,
                    attempt,
                    failed.httpStatus,
                    "retries_exhausted:" + failed.reason,
                    failed.detail);
            return;
        }
        long wait =
                failed.retryAfterMillis >= 0
                        ? Math.min(failed.retryAfterMillis, retryAfterCap())
                        : settings.backoffMillis(attempt);
        long now = System.currentTimeMillis();
        if (parks && now + wait > d.started + settings.maxHoldMillis) {
            // Waiting here would hold the slot: wait in keyed state instead.
            d.park(failed.reason, failed.detail, now + wait);
            return;
        }
        try {
            timers.schedule(
                    () -> attempt(d, channel, target, attempt + 1), wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            d.finish(
                    DeliveryStatus.FAILED,
                    attempt,
                    failed.httpStatus,
                    "shutting_down",
                    failed.detail);
        }
    }

    private long retryAfterCap() {
        return Math.max(settings.maxBackoffMillis, settings.circuitOpenMillis);
    }

    /**
     * One notification in flight; completes its future exactly once whatever races (timeout,
     * retries, parking).
     */
    private static final class Delivery {
        private final Notification n;
        private final ResultFuture<DeliveryStatus> result;
        private final long started;
        private final AtomicBoolean done = new AtomicBoolean();
        private final Map<ResultFuture<DeliveryStatus>, Delivery> inFlight;

        /** The slot's shares (first lane only), given back when it ends. */
        private volatile FairShares shares;

        /** Parks the delivery if it still holds its slot after the longest hold (first lane). */
        private volatile ScheduledFuture<?> watchdog;

        /** The latest attempt started (counting those of the first lane). */
        private volatile int attempted;

        Delivery(
                Notification n,
                ResultFuture<DeliveryStatus> result,
                long started,
                Map<ResultFuture<DeliveryStatus>, Delivery> inFlight) {
            this.n = n;
            this.result = result;
            this.started = started;
            this.inFlight = inFlight;
        }

        boolean isDone() {
            return done.get();
        }

        /** Attempts made before this lane took it over, or since. */
        int attemptsMade() {
            return Math.max(attempted, n.attemptsMade);
        }

        /** The first attempt in this lane: after those made before, at least one left. */
        int firstAttempt(int maxAttempts) {
            return Math.min(n.attemptsMade + 1, maxAttempts);
        }

        /** Gives the slot back: a parked status carrying the notification to try again. */
        void park(String reason, String detail, long retryAt) {
            DeliveryStatus s =
                    end(PARKED_PREFIX + reason, detail, DeliveryStatus.PARKED, attemptsMade(), 0);
            if (s != null) {
                s.parked = n.parked(attemptsMade(), retryAt);
                result.complete(Collections.singletonList(s));
            }
        }

        void finish(String status, int attempts, int httpStatus, String reason, String detail) {
            DeliveryStatus s = end(reason, detail, status, attempts, httpStatus);
            if (s != null) {
                result.complete(Collections.singletonList(s));
            }
        }

        /** The status if this call ends the delivery (first one wins), else null. */
        private DeliveryStatus end(
                String reason, String detail, String status, int attempts, int httpStatus) {
            if (!done.compareAndSet(false, true)) {
                return null;
            }
            inFlight.remove(result);
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (shares != null) {
                shares.release(n);
            }
            String shortDetail =
                    detail == null || detail.length() <= MAX_DETAIL_CHARS
                            ? detail
                            : detail.substring(0, MAX_DETAIL_CHARS);
            return DeliveryStatus.attempted(
                    n,
                    status,
                    attempts,
                    httpStatus,
                    reason,
                    shortDetail,
                    started,
                    System.currentTimeMillis());
        }
    }
}
