package io.securitycoach.audit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import java.nio.charset.StandardCharsets;

/**
 * Audit lines as UTF-8 bytes. Written as text first: Jackson's text generator escapes from char
 * arrays and a Latin-1 String becomes UTF-8 in one array copy, measured faster than its UTF-8 byte
 * generator (which reads a String char by char). An event's line leaves out {@code raw}: the
 * vendor's fields are in the raw stage's record already, so the events stage holds what the
 * pipeline added.
 */
final class AuditJson {
    private static final ObjectWriter RECORDS = Json.mapper().writer();
    private static final ObjectWriter EVENTS =
            Json.mapper().copy().addMixIn(SecurityEvent.class, WithoutRaw.class).writer();

    /** Jackson mix-in: a SecurityEvent without its raw vendor fields. */
    @JsonIgnoreProperties("raw")
    private abstract static class WithoutRaw {}

    private AuditJson() {}

    static byte[] record(Object value) {
        return write(RECORDS, value);
    }

    static byte[] event(SecurityEvent event) {
        return write(EVENTS, event);
    }

    private static byte[] write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
