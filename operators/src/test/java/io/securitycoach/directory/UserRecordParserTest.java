package io.securitycoach.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserRecordParserTest {
    @Test
    void parsesADirectoryLineWithANumericOrgAndNormalizesIdentities() {
        UserRecordParser.Result r =
                UserRecordParser.parse(
                        "{\"org_id\": 1042, \"user_id\": \"u-1\", \"version\": 3, \"email\": \""
                            + " Alice@Acme.COM \", \"aliases\": [\"ACME\\\\amartin\", \"amartin\","
                            + " \"AMARTIN\"], \"first_name\": \"Alice\", \"tags\": [\"finance\"]}",
                        "users.jsonl:1",
                        0);
        assertThat(r.deadLetter).isNull();
        assertThat(r.user.orgId).isEqualTo("1042");
        assertThat(r.user.email).isEqualTo("alice@acme.com");
        assertThat(r.user.identities())
                .containsExactly("alice@acme.com", "acme\\amartin", "amartin");
        assertThat(r.user.tags).containsExactly("finance");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"org_id\": \"acme\", \"user_id\": | invalid_json",
                "[1] | not_an_object",
                "{\"org_id\": \"acme\", \"email\": \"a@acme.com\"} | missing_user_id",
                "{\"user_id\": \"u\", \"email\": \"a@acme.com\"} | missing_org",
                "{\"org_id\": \"acme\", \"user_id\": \"u\"} | missing_email",
                "{\"org_id\": \"acme\", \"user_id\": \"u\", \"email\": \"a@b\", \"version\":"
                        + " \"new\"} | wrong_type",
                // issue 12: org ids are one-to-one (OrgIds), and a line holds one JSON value
                "{\"org_id\": \"ACME\", \"user_id\": \"u\", \"email\": \"a@acme.com\"} |"
                        + " invalid_org",
                "{\"org_id\": \"../globex\", \"user_id\": \"u\", \"email\": \"a@acme.com\"} |"
                        + " invalid_org",
                "{\"org_id\": \"acme_corp\", \"user_id\": \"u\", \"email\": \"a@acme.com\"} |"
                        + " invalid_org",
                "{\"org_id\": \"acme\", \"user_id\": \"u\", \"email\": \"a@b.c\"} {\"org_id\":"
                        + " \"x\"} | trailing_content",
                "{\"org_id\": \"acme\", \"user_id\": \"u\", \"email\": \"a@acme.com\"} xyz |"
                        + " trailing_content"
            })
    void badLinesAreDeadLetters(String line, String reason) {
        UserRecordParser.Result r = UserRecordParser.parse(line, "users.jsonl:2", 0);
        assertThat(r.user).isNull();
        assertThat(r.deadLetter.reason).isEqualTo(reason);
        assertThat(r.deadLetter.stage).isEqualTo("directory");
    }

    @Test
    void tombstoneNeedsNoEmail() {
        UserRecordParser.Result r =
                UserRecordParser.parse(
                        "{\"org_id\": \"acme\", \"user_id\": \"u\", \"version\": 9, \"deleted\":"
                                + " true}",
                        "x",
                        0);
        assertThat(r.user.deleted).isTrue();
    }
}
