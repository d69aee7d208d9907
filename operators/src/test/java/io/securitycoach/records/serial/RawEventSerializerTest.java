package io.securitycoach.records.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.normalize.IngestQuota;
import io.securitycoach.records.RawEvent;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compact RawEvent serializer of the shuffles after the sources: every field survives the round
 * trip (found by reflection, so a new field that the serializer forgets fails here), nulls stay
 * nulls, any string comes back exactly (unpaired surrogates too), the stored bytes of format 1
 * still read, the snapshot restores and is compatible with itself only, and records held in state
 * keep the POJO serializer of the stored savepoint layouts.
 */
class RawEventSerializerTest {
    /** -Dcoach.serial.write=true rewrites it (only when a new format is made). */
    private static final Path FORMAT_1 =
            Paths.get("src/test/resources/serial/raw-event-format-1.hex");

    @Test
    void everyFieldSurvivesTheRoundTrip() throws Exception {
        RawEvent r = everyFieldSet();
        RawEvent back = roundTrip(r);
        for (Field f : RawEvent.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertThat(f.get(back)).as(f.getName()).isEqualTo(f.get(r));
            }
        }
        assertThat(back).isEqualTo(r);
    }

    @Test
    void nullsStayNullsAndEmptyStaysEmpty() throws Exception {
        RawEvent nulls = new RawEvent();
        RawEvent back = roundTrip(nulls);
        assertThat(back).isEqualTo(nulls);
        assertThat(back.payload).isNull();
        assertThat(back.rejectedReason).isNull();
        assertThat(bytes(nulls)).as("six null strings and a long").hasSize(6 + 8);

        RawEvent empty = RawEvent.rejected("", "", "", "", -1L);
        empty.orgId = "";
        empty.vendor = "";
        RawEvent emptyBack = roundTrip(empty);
        assertThat(emptyBack).isEqualTo(empty);
        assertThat(emptyBack.payload).isEmpty();
        assertThat(emptyBack.ingestTime).isEqualTo(-1L);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"user\":\"ada@example.test\",\"action\":\"blocked\"}",
                "Grüße, café, naïve: Latin-1 beyond ASCII",
                "日本語のログ行、中文日志，한국어 로그",
                "emoji 🔒🛡️👩‍💻 and a flag 🇫🇷 (surrogate pairs, joiners)",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math letters, 𠀀 a CJK extension B char",
                "e\u0301 combining, \u0000 NUL, \u007f DEL, \uffff, \r\n\t",
                "unpaired high \ud83d alone",
                "unpaired low \udd12 first",
                "\ud83d",
                "ASCII with a question mark? and \udc00 a lone low surrogate",
                "reversed pair \udd12\ud83d"
            })
    void everyStringComesBackExactly(String payload) throws Exception {
        RawEvent r = new RawEvent("acme", "okta", payload, payload, 7L);
        r.rejectedMessage = payload;
        RawEvent back = roundTrip(r);
        assertThat(back.payload).isEqualTo(payload);
        assertThat(back.origin).isEqualTo(payload);
        assertThat(back.rejectedMessage).isEqualTo(payload);
    }

    @Test
    void eachStringInTheCheapestExactForm() throws Exception {
        assertThat(bytes(new RawEvent(null, null, "café", null, 0L)))
                .as("Latin-1: 4 bytes behind header 4 << 2 | 1")
                .startsWith(0, 0, 17, 'c', 'a', 'f', 0xe9);
        assertThat(bytes(new RawEvent(null, null, "é🔒", null, 0L)))
                .as("UTF-8: 2 + 4 bytes behind header 6 << 2 | 2")
                .startsWith(0, 0, 26, 0xc3, 0xa9, 0xf0, 0x9f, 0x94, 0x92);
        assertThat(bytes(new RawEvent(null, null, "a\ud83d", null, 0L)))
                .as("UTF-16, for an unpaired surrogate: 2 chars behind header 2 << 2 | 3")
                .startsWith(0, 0, 11, 0, 'a', 0xd8, 0x3d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascii", "é", "✓ 日本語", "🔒🇫🇷 \uffff \u07ff \u0800", "a\ud83d\udd12b"})
    void theUtf8FormIsTheJdksUtf8(String s) throws IOException {
        byte[] dst = new byte[3 * s.length()];
        int n = StringCodec.encodeUtf8(s, dst);
        assertThat(Arrays.copyOf(dst, n)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        assertThat(StringCodec.encodeUtf8("x\udd12", new byte[6])).as("unpaired").isEqualTo(-1);
        assertThat(StringCodec.decodeUtf8(s.getBytes(StandardCharsets.UTF_8), "test")).isEqualTo(s);
    }

    @Test
    void malformedOrTruncatedUtf8IsRefused() {
        assertThatThrownBy(() -> StringCodec.decodeUtf8(new byte[] {(byte) 0xff}, "RawEvent"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("malformed UTF-8");
        assertThatThrownBy(() -> StringCodec.decodeUtf8(new byte[] {(byte) 0xe2, 0x1}, "RawEvent"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated UTF-8");
    }

    @Test
    void aMalformedHeaderIsRefused() {
        byte[] tagZeroNotNull = {4};
        assertThatThrownBy(
                        () ->
                                RawEventSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(tagZeroNotNull)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("malformed string header in a RawEvent record");
    }

    @Test
    void aLargePayloadRoundTrips() throws Exception {
        StringBuilder s = new StringBuilder();
        while (s.length() < 1_000_000) {
            s.append("{\"k\":\"värde-").append(s.length()).append("-🔒\"},");
        }
        RawEvent r = new RawEvent("acme", "zscaler", s.toString(), "big.jsonl:1", 1L);
        assertThat(roundTrip(r)).isEqualTo(r);
        // org 1+4, vendor 1+7, payload header 4 (2n+1 above 2^21), origin 1+11, time 8, 2 nulls
        assertThat(bytes(r).length)
                .isEqualTo(r.payload.getBytes(StandardCharsets.UTF_8).length + 39);
    }

    @Test
    void copiesAreEqualAndNew() {
        RawEvent r = everyFieldSet();
        RawEvent copy = RawEventSerializer.INSTANCE.copy(r);
        assertThat(copy).isEqualTo(r).isNotSameAs(r);
        assertThat(copy.rejectedMessage).isEqualTo(r.rejectedMessage);
    }

    @Test
    void aVendorLineIsSmallerThanWithThePojoSerializer() throws Exception {
        RawEvent r =
                new RawEvent("acme", "okta", "{\"eventType\":\"user.session.start\"}", "f:1", 1);
        DataOutputSerializer pojo = new DataOutputSerializer(256);
        TypeInformation.of(RawEvent.class)
                .createSerializer(new SerializerConfigImpl())
                .serialize(r, pojo);
        assertThat(bytes(r).length).isLessThan(pojo.length());
    }

    /** The wire format of version 1, as stored: a change of layout must be a new format. */
    @Test
    void theStoredBytesOfFormat1StillRead() throws Exception {
        byte[] now = bytes(everyFieldSet());
        if (Boolean.getBoolean("coach.serial.write")) {
            Files.writeString(FORMAT_1, SecurityEventSerializerTest.hex(now) + "\n");
        }
        byte[] stored =
                SecurityEventSerializerTest.unhex(
                        Files.readString(FORMAT_1, StandardCharsets.UTF_8).trim());
        assertThat(RawEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(stored)))
                .isEqualTo(everyFieldSet());
        assertThat(now).as("format 1 still writes the stored bytes").isEqualTo(stored);
    }

    @Test
    void theSnapshotRestoresTheSerializerAndIsCompatibleAsIs() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(
                out, RawEventSerializer.INSTANCE.snapshotConfiguration());
        TypeSerializerSnapshot<RawEvent> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        assertThat(restored.restoreSerializer()).isEqualTo(RawEventSerializer.INSTANCE);
        TypeSerializerSchemaCompatibility<RawEvent> compatibility =
                RawEventSerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        TypeSerializerSnapshot<RawEvent> pojo =
                TypeInformation.of(RawEvent.class)
                        .createSerializer(new SerializerConfigImpl())
                        .snapshotConfiguration();
        assertThat(
                        RawEventSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(pojo)
                                .isIncompatible())
                .isTrue();
    }

    @Test
    void aSnapshotOfAnUnknownFormatIsRefused() {
        DataOutputSerializer out = new DataOutputSerializer(8);
        assertThatThrownBy(
                        () -> {
                            out.writeInt(RawEventSerializer.FORMAT_VERSION + 1);
                            new RawEventSerializerSnapshot()
                                    .readSnapshot(
                                            1,
                                            new DataInputDeserializer(out.getCopyOfBuffer()),
                                            getClass().getClassLoader());
                        })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("wire format 2 is not known");
    }

    /** No Kryo on the network, and the fair share's deferred records keep the POJO serializer. */
    @Test
    void noKryoAndHeldStateKeepsThePojoSerializer() {
        assertThat(RawEventTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(RawEventSerializer.class)
                .isNotInstanceOf(KryoSerializer.class);
        MapStateDescriptor<Long, RawEvent> deferred = IngestQuota.DEFERRED;
        deferred.initializeSerializerUnlessSet(new ExecutionConfig());
        assertThat(deferred.getValueSerializer()).isInstanceOf(PojoSerializer.class);
    }

    private static RawEvent roundTrip(RawEvent r) throws IOException {
        return RawEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes(r)));
    }

    private static byte[] bytes(RawEvent r) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        RawEventSerializer.INSTANCE.serialize(r, out);
        return out.getCopyOfBuffer();
    }

    /**
     * Every field non-null and distinct (each String its own name, the time apart), the strings in
     * every form: ASCII, Latin-1, UTF-8 with an emoji, UTF-16 for an unpaired surrogate.
     */
    static RawEvent everyFieldSet() {
        RawEvent r = new RawEvent();
        try {
            for (Field f : RawEvent.class.getFields()) {
                if (f.getType() == String.class) {
                    f.set(r, f.getName());
                }
            }
        } catch (IllegalAccessException x) {
            throw new IllegalStateException(x);
        }
        r.vendor += "-é";
        r.payload += "-é✓🔒";
        r.origin += "-\ud83d";
        r.ingestTime = 1_700_000_000_456L;
        return r;
    }
}
