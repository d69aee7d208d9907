package io.securitycoach.records.serial;

import io.securitycoach.schema.SecurityEvent;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of the streams of {@link SecurityEvent} that cross a shuffle (normalize to resolve,
 * resolve to enrich, enrich to detect): serialized by {@link SecurityEventSerializer}. Set with
 * {@code returns(SecurityEventTypeInfo.INSTANCE)} on the operator that emits them; state keeps
 * {@code TypeInformation.of(SecurityEvent.class)} (the POJO serializer of the stored layouts).
 */
public final class SecurityEventTypeInfo extends TypeInformation<SecurityEvent> {
    private static final long serialVersionUID = 1L;

    public static final SecurityEventTypeInfo INSTANCE = new SecurityEventTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<SecurityEvent> getTypeClass() {
        return SecurityEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SecurityEvent> createSerializer(SerializerConfig config) {
        return SecurityEventSerializer.INSTANCE;
    }

    // Flink 1.20 still declares this (deprecated) variant abstract: it must be implemented.
    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<SecurityEvent> createSerializer(ExecutionConfig config) {
        return SecurityEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SecurityEvent(compact)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SecurityEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return SecurityEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof SecurityEventTypeInfo;
    }
}
