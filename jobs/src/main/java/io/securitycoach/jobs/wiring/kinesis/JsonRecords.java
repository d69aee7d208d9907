package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.schema.Json;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Output records as the same snake_case JSON the audit trail holds. */
public final class JsonRecords<T> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(T element) {
        return Json.write(element).getBytes(StandardCharsets.UTF_8);
    }
}
