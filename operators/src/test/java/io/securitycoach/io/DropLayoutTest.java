package io.securitycoach.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropLayoutTest {
    @ParameterizedTest
    @CsvSource({
        "acme/zscaler/day.jsonl, acme, zscaler",
        "acme-corp/ms-defender/2026/x.jsonl, , ",
        "globex/okta/x.jsonl.gz, globex, okta"
    })
    void onlyTheExactDepthNamesAnOrgAndVendor(String below, String org, String vendor) {
        DropLayout.Placement p = DropLayout.place(List.of(below.split("/")));
        assertThat(p.org).isEqualTo(org);
        assertThat(p.vendor).isEqualTo(vendor);
        assertThat(p.isValid()).isEqualTo(org != null);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "acme/zscaler/globex/zscaler/x.jsonl | acme | 5 levels below",
                "acme/x.jsonl | acme | 2 levels below",
                "x.jsonl | | 1 levels below",
                "acme/../globex/zscaler/x.jsonl | acme | '..'",
                "acme/./zscaler/x.jsonl | acme | '.'",
                "acme//zscaler/x.jsonl | acme | empty",
                "acme/%2e%2e/x.jsonl | acme | percent-encoded",
                "acme/zscaler%2fglobex/x.jsonl | acme | percent-encoded",
                "acme/zs\\..\\globex/x.jsonl | acme | backslash",
                "ACME/zscaler/x.jsonl | | org folder: invalid org id 'ACME'",
                "acme/Zscaler!/x.jsonl | acme | vendor folder 'Zscaler!'",
            })
    void everyOtherPathIsRefusedToTheFolderItSitsIn(String below, String folderOrg, String why) {
        DropLayout.Placement p = DropLayout.place(List.of(below.split("/", -1)));
        assertThat(p.isValid()).isFalse();
        assertThat(p.org).isNull();
        assertThat(p.folderOrg).isEqualTo(folderOrg);
        assertThat(p.problem).contains(why);
    }

    @ParameterizedTest
    @CsvSource({
        "/drops/in, /drops/in/acme/okta/a.jsonl, acme",
        "/drops/in/, /drops/in/acme/okta/a.jsonl, acme",
        "/drops/in, /drops/inbox/acme/okta/a.jsonl, ",
        "/drops/in, /drops/in/x/acme/okta/a.jsonl, "
    })
    void aFileIsPlacedBelowItsRootOnly(String root, String file, String org) {
        assertThat(DropLayout.place(root, file).org).isEqualTo(org);
    }
}
