package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DestinationGuard} with a resolver the test controls (no real DNS): what is refused from
 * the URI alone, from the addresses a name resolves to, for the operator's own hosts, and what gets
 * pinned for the HTTP client. (The rebinding and end-to-end cases are in DestinationSafetyTest.)
 */
class DestinationGuardTest {
    private static final String OPERATOR = "https://hooks.operator.example:8443";

    private final Map<String, InetAddress[]> dns = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final HostLookups hostLookups =
            new HostLookups(
                    1,
                    host -> {
                        lookups.incrementAndGet();
                        if (host.equals("flaky.example")) {
                            throw new IllegalStateException("resolver down");
                        }
                        InetAddress[] addresses = dns.get(host);
                        if (addresses == null) {
                            throw new UnknownHostException(host);
                        }
                        return addresses;
                    });
    private final PinnedDns pins = new PinnedDns(Duration.ofMinutes(1));
    private final DestinationGuard guard = new DestinationGuard(List.of(OPERATOR), pins);

    @AfterEach
    void close() {
        hostLookups.close();
    }

    private static InetAddress ip(String host, int a, int b, int c, int d)
            throws UnknownHostException {
        return InetAddress.getByAddress(host, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    private void check(String uri, boolean operatorEndpoint) throws Exception {
        guard.check(URI.create(uri), operatorEndpoint, hostLookups).get(10, TimeUnit.SECONDS);
    }

    private String refusal(String uri, boolean operatorEndpoint) {
        Throwable thrown = catchThrowable(() -> check(uri, operatorEndpoint));
        assertThat(thrown).as(uri).isNotNull();
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertThat(cause).as(uri).isInstanceOf(DestinationGuard.RefusedException.class);
        return cause.getMessage();
    }

    @Test
    void onlyHttpAndHttpsWithAHostAndNoUserInfoAreConsidered() {
        assertThat(refusal("ftp://files.example/x", false))
                .isEqualTo("destination scheme must be http or https");
        assertThat(refusal("file:///etc/passwd", false))
                .isEqualTo("destination scheme must be http or https");
        assertThat(refusal("https:///no-host", false)).isEqualTo("destination has no host");
        assertThat(refusal("https://user:pw@hooks.example/x", false))
                .isEqualTo("destination must not carry user info");
        assertThat(lookups).as("refused before any lookup").hasValue(0);
    }

    @Test
    void aNameIsRefusedIfAnyOfItsAddressesIsNotPublic() throws Exception {
        dns.put(
                "mixed.example",
                new InetAddress[] {
                    ip("mixed.example", 93, 184, 216, 34), ip("mixed.example", 10, 0, 0, 5)
                });
        assertThat(refusal("https://mixed.example/hook", false))
                .startsWith("destination mixed.example resolves to a non-public address (");
        assertThatThrownBy(() -> pins.resolve("mixed.example"))
                .as("nothing pinned")
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void thePublicAddressesThatPassedAreWhatTheClientWillConnectTo() throws Exception {
        InetAddress[] addresses = {
            ip("hooks.example", 93, 184, 216, 34), ip("hooks.example", 93, 184, 216, 35)
        };
        dns.put("hooks.example", addresses);
        check("https://HOOKS.example/path?x=1", false);
        assertThat(pins.resolve("hooks.example")).containsExactly(addresses);
        assertThat(pins.resolve("Hooks.Example"))
                .as("names compare case-insensitively")
                .containsExactly(addresses);
    }

    @Test
    void unresolvableAndUncheckableNamesAreRefusedWithoutSecrets() {
        assertThat(refusal("https://unknown.example/x", false))
                .isEqualTo("destination host unknown.example does not resolve");
        assertThat(refusal("https://flaky.example/x?token=secret", false))
                .isEqualTo(
                        "destination host flaky.example could not be checked"
                                + " (IllegalStateException)");
        dns.put("empty.example", new InetAddress[0]);
        assertThat(refusal("https://empty.example/x", false))
                .isEqualTo("destination host empty.example does not resolve");
    }

    @Test
    void anAddressLiteralIsCheckedWithoutALookup() throws Exception {
        assertThat(refusal("http://127.0.0.1:8080/x", false))
                .startsWith("destination 127.0.0.1 resolves to a non-public address");
        assertThat(refusal("http://[::1]/x", false))
                .startsWith("destination ::1 resolves to a non-public address");
        check("https://93.184.216.34/x", false);
        assertThat(lookups).hasValue(0);
        assertThat(pins.resolve("93.184.216.34"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.216.34");
    }

    @Test
    void theOperatorsExactOriginSkipsTheAddressCheckButOnlyForTheOperator() throws Exception {
        dns.put(
                "hooks.operator.example",
                new InetAddress[] {ip("hooks.operator.example", 10, 1, 2, 3)});
        check(OPERATOR + "/status", true);
        assertThat(pins.resolve("hooks.operator.example"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("10.1.2.3");

        assertThat(refusal("https://hooks.operator.example:9443/status", true))
                .as("another port is another origin")
                .startsWith("destination hooks.operator.example resolves to a non-public");
        assertThat(refusal("http://hooks.operator.example:8443/status", true))
                .as("another scheme is another origin")
                .startsWith("destination hooks.operator.example resolves to a non-public");
    }

    @Test
    void anOrgMayNotNameAnOperatorHostOnAnyPort() {
        for (String uri :
                List.of(
                        OPERATOR + "/x",
                        "https://HOOKS.operator.example:1/x",
                        "http://hooks.operator.example/x")) {
            assertThat(refusal(uri, false))
                    .as(uri)
                    .isEqualTo(
                            "destination host hooks.operator.example is reserved for the operator's"
                                    + " own endpoints");
        }
        assertThat(lookups).hasValue(0);
    }

    @Test
    void anAllowListEntryWithTheDefaultPortCoversURIsWithoutOne() throws Exception {
        DestinationGuard defaultPort =
                new DestinationGuard(List.of("https://internal.example:443"), pins);
        dns.put("internal.example", new InetAddress[] {ip("internal.example", 192, 168, 1, 9)});
        defaultPort
                .check(URI.create("https://internal.example/hook"), true, hostLookups)
                .get(10, TimeUnit.SECONDS);
        assertThat(pins.resolve("internal.example"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("192.168.1.9");
    }
}
