package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Literal addresses only (InetAddress.getByName does no DNS for them). */
class AddressPolicyTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "10.1.2.3",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "127.255.0.9",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.0.2.10",
                "192.168.1.1",
                "198.18.0.1",
                "198.19.255.255",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "2001:db8::1",
                "3fff::1",
                "fec0::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::7f00:1",
                "::a9fe:a9fe",
                "64:ff9b::7f00:1",
                "64:ff9b::a00:1",
                "64:ff9b:1::1",
                "2002:7f00:1::1",
                "2002:c0a8:101::1",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "2001:0:7f00:1:0:0:f7f7:f7f7",
                "2001:2::1",
                "2001:20::1",
            })
    void nonGlobalAddressesAreRefusedEmbeddedIpv4Included(String literal) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(literal))).as(literal).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.216.34",
                "100.63.255.255",
                "100.128.0.1",
                "172.32.0.1",
                "192.0.3.1",
                "198.20.0.1",
                "223.255.255.254",
                "2606:4700:4700::1111",
                "2a00:1450:4001::200e",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1",
                "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
            })
    void globalUnicastAddressesPass(String literal) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(literal))).as(literal).isNull();
    }
}
