package io.securitycoach.records.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Recurring values' UTF-8: always what the JDK encodes for the value, kept only for equal ones. */
class BlockOutputTest {
    @Test
    void recurringValuesEncodeAsTheJdkDoes() {
        Random random = new Random(5);
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // more than the table's slots: collisions replace
            distinct.add(Integer.toString(random.nextInt(), 36) + (i % 4 == 0 ? "\u4e2d" : ""));
        }
        distinct.add("z".repeat(BlockOutput.MAX_RECURRING_CHARS + 1));
        distinct.add("");
        BlockOutput out = new BlockOutput();
        for (int i = 0; i < 60_000; i++) {
            String value = distinct.get(random.nextInt(distinct.size()));
            String copy = new String(value.toCharArray()); // equal, not the same instance
            assertThat(out.recurringUtf8(random.nextBoolean() ? value : copy))
                    .isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anEqualValueWrittenAgainTakesTheKeptBytes() {
        BlockOutput out = new BlockOutput();
        byte[] first = out.recurringUtf8("zscaler");
        assertThat(out.recurringUtf8(new String("zscaler".toCharArray()))).isSameAs(first);
        assertThat(out.recurringUtf8("zscaleR")).isEqualTo("zscaleR".getBytes());
    }
}
