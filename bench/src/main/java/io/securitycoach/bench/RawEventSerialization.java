package io.securitycoach.bench;

import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A micro-measurement of a vendor record on the shuffle after the source: nanoseconds to serialize
 * and to deserialize one {@link RawEvent} (a ~600-byte vendor line: ASCII, with Latin-1 accents,
 * with Japanese and an emoji) and its bytes, with Flink's POJO serializer (before) and {@link
 * RawEventSerializer} (after). Best of {@value #ROUNDS} rounds of {@value #OPS} operations, the two
 * serializers alternating round by round so that a busy machine weighs on both alike. Indicative
 * only: {@code ./bench/run-raw-serialization.sh}.
 */
public final class RawEventSerialization {
    private static final int OPS = 300_000;
    private static final int ROUNDS = 10;

    /** A Zscaler NSS web record as the drop folders hold them, 600 bytes or so. */
    static final String LINE =
            "{\"sourcetype\":\"zscalernss-web\",\"event\":{\"datetime\":\"Fri Nov 20 09:14:07"
                + " 2026\","
                + "\"reason\":\"Blocked\",\"event_id\":\"7312345678901234567\",\"protocol\":"
                + "\"HTTPS\",\"action\":\"Blocked\",\"transactionsize\":\"5126\","
                + "\"urlcategory\":\"Gambling\",\"serverip\":\"203.0.113.45\",\"requestmethod\":\"GET\",\"useragent\":\"Mozilla/5.0"
                + " (Windows NT 10.0; Win64;"
                + " x64)\",\"location\":\"HQ-Paris\",\"ClientIP\":\"10.20.30.40\","
                + "\"clientpublicIP\":\"198.51.100.7\","
                + "\"status\":\"403\",\"user\":\"alice.martin@acme.example\",\"url\":"
                + "\"www.casino-example.test/play?session=4f2a9c\",\"hostname\":"
                + "\"www.casino-example.test\",\"threatname\":\"None\",\"appname\":\"General"
                + " Browsing\"}}";

    private RawEventSerialization() {}

    public static void main(String[] args) throws IOException {
        System.out.println("load average at start: " + loadAverage());
        TypeSerializer<RawEvent> pojo =
                TypeInformation.of(RawEvent.class).createSerializer(new SerializerConfigImpl());
        String accented =
                LINE.replace("alice.martin", "élodie.müller").replace("HQ-Paris", "Zürich-Büro");
        String beyondLatin1 = LINE.replace("General Browsing", "一般ブラウジング 🔒");
        for (String payload : List.of(LINE, accented, beyondLatin1)) {
            RawEvent r =
                    new RawEvent(
                            "acme",
                            "zscaler",
                            payload,
                            "s3://coach-drops/acme/zscaler/nss-web-2026-11-20.jsonl:48213",
                            1_795_300_000_000L);
            System.out.printf(
                    Locale.ROOT,
                    "%d-char payload, %d UTF-8 bytes%n",
                    payload.length(),
                    payload.getBytes(StandardCharsets.UTF_8).length);
            compare(r, pojo, RawEventSerializer.INSTANCE);
        }
        System.out.println("load average at end: " + loadAverage());
    }

    private static void compare(
            RawEvent r, TypeSerializer<RawEvent> before, TypeSerializer<RawEvent> after)
            throws IOException {
        long[] bestSer = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] bestDeser = {Long.MAX_VALUE, Long.MAX_VALUE};
        List<TypeSerializer<RawEvent>> serializers = List.of(before, after);
        for (int round = 0; round < ROUNDS; round++) {
            for (int s = 0; s < 2; s++) {
                bestSer[s] = Math.min(bestSer[s], serializeNanos(r, serializers.get(s)));
                bestDeser[s] = Math.min(bestDeser[s], deserializeNanos(r, serializers.get(s)));
            }
        }
        String[] names = {"POJO (before)", "compact (after)"};
        for (int s = 0; s < 2; s++) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-16s serialize %,6.0f ns  deserialize %,6.0f ns  %,d bytes%n",
                    names[s],
                    (double) bestSer[s] / OPS,
                    (double) bestDeser[s] / OPS,
                    bytes(r, serializers.get(s)).length);
        }
    }

    private static long serializeNanos(RawEvent r, TypeSerializer<RawEvent> serializer)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        long start = System.nanoTime();
        for (int i = 0; i < OPS; i++) {
            out.clear();
            serializer.serialize(r, out);
        }
        long nanos = System.nanoTime() - start;
        if (out.length() == 0) {
            throw new IllegalStateException("nothing written");
        }
        return nanos;
    }

    private static long deserializeNanos(RawEvent r, TypeSerializer<RawEvent> serializer)
            throws IOException {
        byte[] bytes = bytes(r, serializer);
        DataInputDeserializer in = new DataInputDeserializer();
        long chars = 0;
        long start = System.nanoTime();
        for (int i = 0; i < OPS; i++) {
            in.setBuffer(bytes);
            chars += serializer.deserialize(in).payload.length();
        }
        long nanos = System.nanoTime() - start;
        if (chars != (long) OPS * r.payload.length()) {
            throw new IllegalStateException("a payload did not come back whole");
        }
        return nanos;
    }

    private static byte[] bytes(RawEvent r, TypeSerializer<RawEvent> serializer)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(r, out);
        return out.getCopyOfBuffer();
    }

    static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
