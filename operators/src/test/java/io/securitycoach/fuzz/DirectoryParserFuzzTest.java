package io.securitycoach.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.directory.UserRecordParser;
import io.securitycoach.schema.OrgIds;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Mutated directory lines: each becomes exactly one user record or one dead letter, never an
 * exception, and every accepted record names a valid org and a user.
 */
class DirectoryParserFuzzTest {
    private static final int TRIES = 8000;

    @Test
    void mutatedDirectoryLinesBecomeExactlyOneUserOrDeadLetter() throws Exception {
        List<String> valid =
                Files.readAllLines(
                                VendorNormalizerFuzzTest.SAMPLES.resolve("users/directory.jsonl"))
                        .stream()
                        .filter(l -> !l.isBlank())
                        .collect(Collectors.toList());
        Mutations m = new Mutations(7);
        int users = 0;
        for (int i = 0; i < TRIES; i++) {
            String line = m.json(m.pick(valid));
            UserRecordParser.Result r;
            try {
                r = UserRecordParser.parse(line, "fuzz:" + i, 0);
            } catch (Throwable t) {
                throw new AssertionError("the directory parser threw on try " + i + ": " + line, t);
            }
            assertThat(r.user == null)
                    .as("one of user and dead letter: %s", line)
                    .isNotEqualTo(r.deadLetter == null);
            if (r.user != null) {
                assertThat(OrgIds.isValid(r.user.orgId)).as(line).isTrue();
                assertThat(r.user.userId).as(line).isNotBlank();
                r.user.identities(); // read as the directory stage does
                users++;
            }
        }
        assertThat(users).as("some mutations stay valid").isPositive();
    }
}
