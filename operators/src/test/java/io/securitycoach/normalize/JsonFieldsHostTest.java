package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFieldsHostTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "https://www.Bet-And-Win.example/deposit?amount=50 | www.bet-and-win.example",
                "files.cdn-update.example/setup_invoice.exe | files.cdn-update.example",
                "http://user:pw@Example.COM:8080/x | example.com",
                "drive.google.com | drive.google.com",
                "http://[2001:db8::1]:443/x | [2001:db8::1]",
                "example.com?q=1 | example.com",
                "'' | null"
            })
    void readsTheHostOfUrlsAndProxyForms(String url, String host) {
        assertThat(JsonFields.host(url)).isEqualTo(host);
    }
}
