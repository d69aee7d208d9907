package io.securitycoach.notify;

import io.securitycoach.notify.channels.LimitedBody;
import io.securitycoach.notify.channels.Reply;
import io.securitycoach.notify.channels.Request;
import io.securitycoach.notify.channels.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Every request through the SSRF check, then over Apache HttpClient 5 whose DNS is {@link
 * PinnedDns}: the client connects only to addresses the check just passed, and TLS still verifies
 * the certificate against the host name (the route keeps the name; only the address lookup is
 * pinned). Redirects are not followed (one could lead past the check), nor are requests retried by
 * the client.
 */
public final class GuardedTransport implements Transport, AutoCloseable {
    private final DestinationGuard guard;
    private final HostLookups lookups;
    private final CloseableHttpAsyncClient client;
    private final int responseLimit;

    public GuardedTransport(
            DestinationGuard guard,
            PinnedDns pins,
            HostLookups lookups,
            Duration connectTimeout,
            int connectionsPerHost) {
        this(guard, pins, lookups, connectTimeout, connectionsPerHost, null);
    }

    /**
     * @param responseLimit the bytes of an answer kept (vendor APIs' pages are larger than the
     *     {@link LimitedBody#DEFAULT_LIMIT} a destination's answer needs)
     */
    public GuardedTransport(
            DestinationGuard guard,
            PinnedDns pins,
            HostLookups lookups,
            Duration connectTimeout,
            int connectionsPerHost,
            int responseLimit) {
        this(guard, pins, lookups, connectTimeout, connectionsPerHost, null, responseLimit);
    }

    /**
     * @param trust the TLS context (trusted certificates) to use; null = the JDK's default
     */
    GuardedTransport(
            DestinationGuard guard,
            PinnedDns pins,
            HostLookups lookups,
            Duration connectTimeout,
            int connectionsPerHost,
            SSLContext trust) {
        this(
                guard,
                pins,
                lookups,
                connectTimeout,
                connectionsPerHost,
                trust,
                LimitedBody.DEFAULT_LIMIT);
    }

    private GuardedTransport(
            DestinationGuard guard,
            PinnedDns pins,
            HostLookups lookups,
            Duration connectTimeout,
            int connectionsPerHost,
            SSLContext trust,
            int responseLimit) {
        this.guard = guard;
        this.lookups = lookups;
        this.responseLimit = responseLimit;
        this.client =
                HttpAsyncClients.custom()
                        .setConnectionManager(
                                PoolingAsyncClientConnectionManagerBuilder.create()
                                        .setDnsResolver(pins)
                                        .setTlsStrategy(tls(trust))
                                        .setDefaultConnectionConfig(
                                                ConnectionConfig.custom()
                                                        .setConnectTimeout(
                                                                Timeout.of(connectTimeout))
                                                        .build())
                                        .setMaxConnPerRoute(connectionsPerHost)
                                        .setMaxConnTotal(Math.max(64, 4 * connectionsPerHost))
                                        .build())
                        .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                        .disableRedirectHandling()
                        .disableAutomaticRetries()
                        .disableCookieManagement()
                        .disableAuthCaching()
                        .build();
        client.start();
    }

    /**
     * The certificate is verified against the route's host name (sent as SNI too), never the pinned
     * address: by HttpClient's own verifier as well as the JDK's (with the builder's default policy
     * a certificate for another name was accepted in GuardedTransportTlsTest).
     */
    private static TlsStrategy tls(SSLContext trust) {
        ClientTlsStrategyBuilder tls =
                ClientTlsStrategyBuilder.create()
                        .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier());
        tls.setHostnameVerificationPolicy(HostnameVerificationPolicy.BOTH);
        if (trust != null) {
            tls.setSslContext(trust);
        }
        return tls.build();
    }

    @Override
    public CompletableFuture<Reply> send(Request request) {
        return guard.check(request.uri, request.operatorEndpoint, lookups)
                .thenCompose(checked -> execute(request));
    }

    private CompletableFuture<Reply> execute(Request request) {
        SimpleHttpRequest http = SimpleHttpRequest.create(request.method, request.uri);
        for (Map.Entry<String, String> h : request.headers.entrySet()) {
            if (!"Content-Type".equalsIgnoreCase(h.getKey())) { // set with the body
                http.addHeader(h.getKey(), h.getValue());
            }
        }
        if (request.body != null) {
            String type = request.headers.getOrDefault("Content-Type", "application/json");
            http.setBody(request.body, ContentType.parse(type).withCharset("UTF-8"));
        }
        http.setConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(request.timeout)).build());
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Future<Reply> exchange =
                client.execute(
                        SimpleRequestProducer.create(http),
                        new LimitedBody(responseLimit),
                        completing(reply));
        // The response timeout is per read: a body trickling in forever still ends, and its
        // connection is closed.
        return reply.orTimeout(2 * request.timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(
                        (r, error) -> {
                            if (error != null) {
                                exchange.cancel(true);
                            }
                        });
    }

    private static FutureCallback<Reply> completing(CompletableFuture<Reply> reply) {
        return new FutureCallback<>() {
            @Override
            public void completed(Reply result) {
                reply.complete(result);
            }

            @Override
            public void failed(Exception error) {
                reply.completeExceptionally(error);
            }

            @Override
            public void cancelled() {
                reply.cancel(false);
            }
        };
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
