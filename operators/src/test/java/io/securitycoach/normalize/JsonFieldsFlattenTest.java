package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.RawFields;
import org.junit.jupiter.api.Test;

class JsonFieldsFlattenTest {
    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void nestedFieldsAndArraysBecomeDottedKeysInRecordOrderWithoutNulls() throws Exception {
        RawFields raw =
                JsonFields.flatten(
                        json(
                                "{\"a\":1,\"b\":{\"c\":\"x\",\"d\":null,\"e\":[true,{\"f\":2.5}]},\"g\":null,\"h\":\"\"}"));

        assertThat(raw.keys).containsExactly("a", "b.c", "b.e.0", "b.e.1.f", "h");
        assertThat(raw.values).containsExactly("1", "x", "true", "2.5", "");
    }

    @Test
    void atMost256FieldsAreKeptAndLongValuesAreCut() throws Exception {
        ObjectNode big = Json.mapper().createObjectNode();
        for (int i = 0; i < 300; i++) {
            big.put("f" + i, i == 0 ? "v".repeat(5000) : "v");
        }

        RawFields raw = JsonFields.flatten(big);

        assertThat(raw.keys).hasSize(256).startsWith("f0", "f1").endsWith("f255");
        assertThat(raw.values[0]).hasSize(2048);
    }

    @Test
    void aSmallRecordAfterABigOneGetsOnlyItsOwnFields() throws Exception {
        JsonFields.flatten(json("{\"a\":1,\"b\":2,\"c\":{\"d\":3}}"));

        RawFields raw = JsonFields.flatten(json("{\"z\":\"only\"}"));

        assertThat(raw.keys).containsExactly("z");
        assertThat(raw.values).containsExactly("only");
    }

    @Test
    void aNestedRecordWithManyMoreLeavesThanTopLevelFieldsKeepsThemAllInOrder() throws Exception {
        StringBuilder leaves = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            leaves.append(i == 0 ? "" : ",").append(i);
        }
        RawFields raw = JsonFields.flatten(json("{\"list\":[" + leaves + "],\"end\":\"x\"}"));

        assertThat(raw.keys).hasSize(41).startsWith("list.0", "list.1").endsWith("list.39", "end");
        assertThat(raw.values).startsWith("0", "1").endsWith("39", "x");
    }
}
