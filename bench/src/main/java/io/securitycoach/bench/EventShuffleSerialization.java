package io.securitycoach.bench;

import io.securitycoach.records.serial.SecurityEventSerializer;
import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.runtime.io.network.api.serialization.RecordDeserializer;
import org.apache.flink.runtime.io.network.api.serialization.SpillingAdaptiveSpanningRecordDeserializer;
import org.apache.flink.runtime.io.network.api.writer.RecordWriter;
import org.apache.flink.runtime.io.network.buffer.NetworkBuffer;
import org.apache.flink.runtime.plugable.NonReusingDeserializationDelegate;
import org.apache.flink.runtime.plugable.SerializationDelegate;

/**
 * A micro-measurement of an enriched {@link SecurityEvent} crossing a shuffle as the job's tasks
 * move it: serialized by Flink's record writer (length-prefixed) into 32 KiB off-heap network
 * buffers, read back by Flink's spanning record deserializer. The off-heap buffers matter: a read
 * from them costs a bounds-checked native copy per call, which a heap array does not show.
 * Nanoseconds per event each way and bytes per event, best of {@value #ROUNDS} rounds. Indicative
 * only: {@code ./bench/run-event-shuffle.sh}.
 */
public final class EventShuffleSerialization {
    private static final int EVENTS = 200_000;
    private static final int ROUNDS = 15;
    private static final int BUFFER_BYTES = 32 * 1024;

    private EventShuffleSerialization() {}

    public static void main(String[] args) throws IOException {
        System.out.println("load average at start: " + RawEventSerialization.loadAverage());
        SecurityEvent event = enrichedWebEvent();
        int recordBytes = serialized(event).remaining();
        MemorySegment[] buffers = buffersOf(event);
        long bestWrite = Long.MAX_VALUE;
        long bestRead = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            bestWrite = Math.min(bestWrite, writeNanos(event));
            bestRead = Math.min(bestRead, readNanos(buffers, (long) recordBytes * EVENTS));
        }
        System.out.printf(
                Locale.ROOT,
                "SecurityEvent through network buffers: serialize %,.0f ns, deserialize %,.0f ns,"
                        + " %,d bytes per event%n",
                (double) bestWrite / EVENTS,
                (double) bestRead / EVENTS,
                recordBytes);
        System.out.println("load average at end: " + RawEventSerialization.loadAverage());
    }

    /** A Zscaler web event as enrich hands it to detect: schema, actor, vendor text, profile. */
    static SecurityEvent enrichedWebEvent() {
        SecurityEvent e = new SecurityEvent();
        e.orgId = "org-042";
        e.eventUid = "zscaler:7312345678901234567";
        e.vendor = "zscaler";
        e.product = "Zscaler Internet Access";
        e.eventClass = "web_resources_activity";
        e.classUid = 6001;
        e.category = "web";
        e.activity = "browse";
        e.action = "blocked";
        e.outcome = "blocked";
        e.severity = "medium";
        e.eventTime = 1_795_300_000_000L;
        e.ingestTime = 1_795_300_001_000L;
        e.message = "Zscaler blocked www.casino-example.test (Gambling)";
        e.actorEmail = "alice.martin@acme.example";
        e.actorUserName = "alice.martin@acme.example";
        e.actorIp = "10.20.30.40";
        e.url = "www.casino-example.test/play?session=4f2a9c";
        e.urlHost = "www.casino-example.test";
        e.urlCategory = "Gambling";
        e.app = "General Browsing";
        e.raw = RawFields.deferred(RawEventSerialization.LINE);
        e.identityKey = "org-042|email|alice.martin@acme.example";
        e.userId = "u-0042-000123";
        e.resolution = "email";
        e.user = new UserProfile();
        e.user.userId = e.userId;
        e.user.email = e.actorEmail;
        e.user.firstName = "Alice";
        e.user.lastName = "Martin";
        e.user.department = "Finance";
        e.user.title = "Analyst";
        e.user.location = "Paris";
        e.user.managerEmail = "boss@acme.example";
        e.user.tags = new String[] {"finance", "emea"};
        return e;
    }

    private static ByteBuffer serialized(SecurityEvent event) throws IOException {
        SerializationDelegate<SecurityEvent> delegate =
                new SerializationDelegate<>(SecurityEventSerializer.INSTANCE);
        delegate.setInstance(event);
        return RecordWriter.serializeRecord(new DataOutputSerializer(1024), delegate);
    }

    private static long writeNanos(SecurityEvent event) throws IOException {
        SerializationDelegate<SecurityEvent> delegate =
                new SerializationDelegate<>(SecurityEventSerializer.INSTANCE);
        DataOutputSerializer out = new DataOutputSerializer(1024);
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            delegate.setInstance(event);
            bytes += RecordWriter.serializeRecord(out, delegate).remaining();
        }
        long nanos = System.nanoTime() - start;
        if (bytes == 0) {
            throw new IllegalStateException("nothing written");
        }
        return nanos;
    }

    /** The events' records laid end to end over off-heap buffers, as a shuffle fills them. */
    private static MemorySegment[] buffersOf(SecurityEvent event) throws IOException {
        byte[] record = new byte[serialized(event).remaining()];
        serialized(event).get(record);
        long total = (long) record.length * EVENTS;
        MemorySegment[] segments =
                new MemorySegment[(int) ((total + BUFFER_BYTES - 1) / BUFFER_BYTES)];
        for (int s = 0; s < segments.length; s++) {
            segments[s] = MemorySegmentFactory.allocateUnpooledOffHeapMemory(BUFFER_BYTES);
        }
        for (long pos = 0; pos < total; pos++) {
            segments[(int) (pos / BUFFER_BYTES)].put(
                    (int) (pos % BUFFER_BYTES), record[(int) (pos % record.length)]);
        }
        return segments;
    }

    /** Comparing with a fresh event: equality flattens the vendor text of both sides. */
    private static long readNanos(MemorySegment[] segments, long total) throws IOException {
        RecordDeserializer<NonReusingDeserializationDelegate<SecurityEvent>> deserializer =
                new SpillingAdaptiveSpanningRecordDeserializer<>(
                        new String[] {System.getProperty("java.io.tmpdir")});
        NonReusingDeserializationDelegate<SecurityEvent> delegate =
                new NonReusingDeserializationDelegate<>(SecurityEventSerializer.INSTANCE);
        int events = 0;
        long start = System.nanoTime();
        for (int s = 0; s < segments.length; s++) {
            NetworkBuffer buffer = new NetworkBuffer(segments[s], segment -> {});
            buffer.setSize((int) Math.min(BUFFER_BYTES, total - (long) s * BUFFER_BYTES));
            deserializer.setNextBuffer(buffer);
            while (true) {
                RecordDeserializer.DeserializationResult result =
                        deserializer.getNextRecord(delegate);
                if (result.isFullRecord()) {
                    events += delegate.getInstance().orgId.length() > 0 ? 1 : 0;
                }
                if (result.isBufferConsumed()) {
                    break;
                }
            }
        }
        long nanos = System.nanoTime() - start;
        if (events != EVENTS || !delegate.getInstance().equals(enrichedWebEvent())) {
            throw new IllegalStateException(events + " of " + EVENTS + " events came back");
        }
        return nanos;
    }
}
