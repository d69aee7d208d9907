package io.securitycoach.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplayProgressFileTest {
    @ParameterizedTest
    @CsvSource({
        "file:/drops/acme/okta/a.jsonl:12, file:/drops/acme/okta/a.jsonl",
        "s3://b/in/acme/okta/a.jsonl:3, s3://b/in/acme/okta/a.jsonl",
        "file:/drops/acme/stray.jsonl, file:/drops/acme/stray.jsonl",
        "s3://b/in, s3://b/in"
    })
    void aRefusedFilesRecordCountsAsItsOwnFile(String origin, String file) {
        assertThat(ReplayProgress.fileOf(origin)).isEqualTo(file);
    }
}
