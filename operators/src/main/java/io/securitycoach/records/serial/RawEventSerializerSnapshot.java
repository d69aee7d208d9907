package io.securitycoach.records.serial;

import io.securitycoach.records.RawEvent;

/** What a checkpoint keeps of {@link RawEventSerializer}: its wire format version. */
public final class RawEventSerializerSnapshot extends FormatVersionSnapshot<RawEvent> {
    /** For Flink's reflective instantiation on restore. */
    public RawEventSerializerSnapshot() {
        super("RawEvent", RawEventSerializer.FORMAT_VERSION, RawEventSerializer.INSTANCE);
    }
}
