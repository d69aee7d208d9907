package io.securitycoach.audit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Audit lines as UTF-8 bytes, written once by Jackson (no String in between). An event's line leaves
 * out {@code raw}: the vendor's fields are in the raw stage's record already, so the events stage
 * holds what the pipeline added (schema fields, identity, directory attributes), not a second copy.
 */
final class AuditJson {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    private static final ObjectWriter RECORDS = Json.mapper().writer();
    private static final ObjectWriter EVENTS = Json.mapper().copy()
            .addMixIn(SecurityEvent.class, WithoutRaw.class).writer();

    /** Jackson mix-in: a SecurityEvent without its raw vendor fields. */
    @JsonIgnoreProperties("raw")
    private abstract static class WithoutRaw {}

    private AuditJson() {}

    static byte[] record(Object value) {
        return write(RECORDS, value);
    }

    /**
     * A raw record, written field by field: the same JSON as {@code Json.write(raw)} (a test keeps
     * them equal), but the payload is escaped from a char array, which Jackson does several times
     * faster than from a String, and the payload is most of every raw line.
     */
    static byte[] raw(RawEvent r) {
        int length = r.payload == null ? 0 : r.payload.length();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + length / 4 + 128);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            text(g, "org_id", r.orgId);
            text(g, "vendor", r.vendor);
            if (r.payload != null) {
                char[] payload = r.payload.toCharArray();
                g.writeFieldName("payload");
                g.writeString(payload, 0, payload.length);
            }
            text(g, "origin", r.origin);
            g.writeNumberField("ingest_time", r.ingestTime);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static byte[] event(SecurityEvent event) {
        return write(EVENTS, event);
    }

    private static byte[] write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
