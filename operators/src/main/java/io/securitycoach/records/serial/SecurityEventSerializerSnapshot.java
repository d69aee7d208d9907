package io.securitycoach.records.serial;

import io.securitycoach.schema.SecurityEvent;

/** What a checkpoint keeps of {@link SecurityEventSerializer}: its wire format version. */
public final class SecurityEventSerializerSnapshot extends FormatVersionSnapshot<SecurityEvent> {
    /** For Flink's reflective instantiation on restore. */
    public SecurityEventSerializerSnapshot() {
        super(
                "SecurityEvent",
                SecurityEventSerializer.FORMAT_VERSION,
                SecurityEventSerializer.INSTANCE);
    }
}
