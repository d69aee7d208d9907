package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.securitycoach.notify.channels.Reply;
import io.securitycoach.notify.channels.Request;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client connects to the pinned address but verifies TLS against the host name: a server whose
 * certificate names good.test is accepted as good.test and refused as other.test, both pinned to
 * the same loopback address (tls/good-test.p12: a self-signed certificate for good.test, 100
 * years).
 */
class GuardedTransportTlsTest {
    private HttpsServer server;
    private SSLContext context;
    private HostLookups lookups;
    private GuardedTransport http;

    @BeforeEach
    void start() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("/tls/good-test.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext(
                "/",
                exchange -> {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                });
        server.start();
        lookups =
                new HostLookups(
                        1,
                        host ->
                                new InetAddress[] {
                                    InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})
                                });
        PinnedDns pins = new PinnedDns(Duration.ofMinutes(1));
        DestinationGuard guard =
                new DestinationGuard(List.of(), pins, address -> null); // loopback plays public
        http = new GuardedTransport(guard, pins, lookups, Duration.ofSeconds(5), 4, context);
    }

    @AfterEach
    void stop() {
        http.close();
        lookups.close();
        server.stop(0);
    }

    private Reply get(String host) throws Exception {
        URI uri = URI.create("https://" + host + ":" + server.getAddress().getPort() + "/");
        return http.send(Request.get(uri, Duration.ofSeconds(5), false)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theCertificateIsCheckedAgainstTheHostNameNotThePinnedAddress() throws Exception {
        assertThat(get("good.test").status).isEqualTo(204);
        assertThatThrownBy(() -> get("other.test"))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(SSLException.class)
                .hasMessageContaining("other.test");
    }
}
