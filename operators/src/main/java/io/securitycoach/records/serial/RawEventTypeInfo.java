package io.securitycoach.records.serial;

import io.securitycoach.records.RawEvent;

/**
 * The type of every stream of {@link RawEvent} in the job: the sources' (file formats, Kinesis
 * schemas), the integrations', the opened envelopes' and the ingest fair share's, so that the
 * shuffles to the fair share and to normalize use {@link RawEventSerializer}. Unions need one type
 * on all their inputs, so a source of vendor records must produce this one ({@code CoachJob.build}
 * checks). State keeps {@code TypeInformation.of(RawEvent.class)} (the POJO serializer of the
 * stored layouts).
 */
public final class RawEventTypeInfo extends CompactTypeInfo<RawEvent> {
    private static final long serialVersionUID = 1L;

    public static final RawEventTypeInfo INSTANCE = new RawEventTypeInfo();

    private RawEventTypeInfo() {
        super(RawEvent.class, RawEventSerializer.INSTANCE);
    }
}
