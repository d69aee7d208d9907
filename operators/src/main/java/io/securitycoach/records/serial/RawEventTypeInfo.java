package io.securitycoach.records.serial;

import io.securitycoach.records.RawEvent;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of every stream of {@link RawEvent} in the job: the sources' (file formats, Kinesis
 * schemas), the integrations', the opened envelopes' and the ingest fair share's, so that the
 * shuffles to the fair share and to normalize use {@link RawEventSerializer}. Unions need one type
 * on all their inputs, so a source of vendor records must produce this one ({@code CoachJob.build}
 * checks). State keeps {@code TypeInformation.of(RawEvent.class)} (the POJO serializer of the
 * stored layouts).
 */
public final class RawEventTypeInfo extends TypeInformation<RawEvent> {
    private static final long serialVersionUID = 1L;

    public static final RawEventTypeInfo INSTANCE = new RawEventTypeInfo();

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
    public Class<RawEvent> getTypeClass() {
        return RawEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<RawEvent> createSerializer(SerializerConfig config) {
        return RawEventSerializer.INSTANCE;
    }

    // Flink 1.20 still declares this (deprecated) variant abstract: it must be implemented.
    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<RawEvent> createSerializer(ExecutionConfig config) {
        return RawEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "RawEvent(compact)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof RawEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return RawEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof RawEventTypeInfo;
    }
}
