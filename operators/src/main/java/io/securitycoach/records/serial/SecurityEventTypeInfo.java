package io.securitycoach.records.serial;

import io.securitycoach.schema.SecurityEvent;

/**
 * The type of the streams of {@link SecurityEvent} that cross a shuffle (normalize to resolve,
 * resolve to enrich, enrich to detect): serialized by {@link SecurityEventSerializer}. Set with
 * {@code returns(SecurityEventTypeInfo.INSTANCE)} on the operator that emits them; state keeps
 * {@code TypeInformation.of(SecurityEvent.class)} (the POJO serializer of the stored layouts).
 */
public final class SecurityEventTypeInfo extends CompactTypeInfo<SecurityEvent> {
    private static final long serialVersionUID = 1L;

    public static final SecurityEventTypeInfo INSTANCE = new SecurityEventTypeInfo();

    private SecurityEventTypeInfo() {
        super(SecurityEvent.class, SecurityEventSerializer.INSTANCE);
    }
}
