package io.securitycoach.records.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.directory.Enricher;
import io.securitycoach.directory.IdentityResolver;
import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
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
 * The compact SecurityEvent serializer of the shuffles: every field survives the round trip (found
 * by reflection, so a new field that the serializer forgets fails here), nulls stay nulls, the
 * stored bytes of formats 1 and 2 still read (format 3 is their fields behind a marker and a
 * length), raw fields carried as text stay text until read, the snapshot restores and is compatible
 * with itself and the earlier formats only, and held events in state keep the POJO serializer of
 * the stored savepoint layouts.
 */
class SecurityEventSerializerTest {
    /** As version 1 wrote {@link #everyFieldSet}: a fixture of a past format, never rewritten. */
    private static final Path FORMAT_1 =
            Paths.get("src/test/resources/serial/security-event-format-1.hex");

    /**
     * Two events in format 2 as version 2 wrote them: {@link #everyFieldSet} with its vendor fields
     * as text ({@link #DEFERRED_TEXT}), and the same with a 127-char org, whose length varint
     * starts with the byte that starts format 3's marker.
     */
    private static final Path FORMAT_2 =
            Paths.get("src/test/resources/serial/security-event-format-2.hex");

    private static final String DEFERRED_TEXT = "{\"user\":{\"name\":\"ada\"},\"n\":7}";

    @Test
    void everyFieldSurvivesTheRoundTrip() throws Exception {
        SecurityEvent e = everyFieldSet();
        SecurityEvent back = roundTrip(e);
        for (Field f : SecurityEvent.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertThat(f.get(back)).as(f.getName()).isEqualTo(f.get(e));
            }
        }
        assertThat(back).isEqualTo(e);
        assertThat(back.raw.get("src.port")).isEqualTo("443");
        assertThat(back.user.tags).containsExactly("finance", "vip");
    }

    @Test
    void nullsStayNullsAndEmptyStaysEmpty() throws Exception {
        SecurityEvent e = new SecurityEvent();
        e.raw = null;
        SecurityEvent back = roundTrip(e);
        assertThat(back).isEqualTo(e);
        assertThat(back.raw).isNull();
        assertThat(back.user).isNull();

        SecurityEvent empty = new SecurityEvent();
        empty.user = new UserProfile();
        empty.user.tags = null;
        SecurityEvent emptyBack = roundTrip(empty);
        assertThat(emptyBack.raw.keys).isEmpty();
        assertThat(emptyBack.user).isEqualTo(empty.user);
        assertThat(emptyBack.user.tags).isNull();
    }

    @Test
    void recurringValuesAreSharedBetweenEventsAndEachEventKeepsItsOwn() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            SecurityEvent e = everyFieldSet();
            e.vendor = "vendor-" + random.nextInt(3_000); // more values than the tables' slots
            e.outcome = random.nextBoolean() ? null : "outcome-" + random.nextInt(50);
            e.user.department = "d\u00e9partement " + random.nextInt(2_000);
            e.raw = RawFields.of(Map.of("key-" + random.nextInt(4_000), "v" + i));
            assertThat(roundTrip(e)).isEqualTo(e);
        }
        SecurityEvent first = roundTrip(everyFieldSet());
        SecurityEvent second = roundTrip(everyFieldSet());
        assertThat(second.vendor).isSameAs(first.vendor);
        assertThat(second.user.department).isSameAs(first.user.department);
        assertThat(second.eventUid).isEqualTo(first.eventUid).isNotSameAs(first.eventUid);
    }

    @Test
    void copiesAreDeepAndEqual() {
        SecurityEvent e = everyFieldSet();
        SecurityEvent copy = SecurityEventSerializer.INSTANCE.copy(e);
        assertThat(copy).isEqualTo(e).isNotSameAs(e);
        assertThat(copy.raw).isNotSameAs(e.raw);
        assertThat(copy.user).isNotSameAs(e.user);
    }

    @Test
    void smallerThanThePojoSerializer() throws Exception {
        SecurityEvent e = everyFieldSet();
        DataOutputSerializer compact = new DataOutputSerializer(1024);
        SecurityEventSerializer.INSTANCE.serialize(e, compact);
        DataOutputSerializer pojo = new DataOutputSerializer(1024);
        TypeInformation.of(SecurityEvent.class)
                .createSerializer(new SerializerConfigImpl())
                .serialize(e, pojo);
        assertThat(compact.length()).isLessThan(pojo.length());
    }

    /** Fields carried as the record's text cross as that text and flatten alike afterwards. */
    @Test
    void deferredRawFieldsCrossAsTheirTextAndFlattenAlike() throws Exception {
        String record = "{\"a\":1,\"b\":{\"c\":\"x\",\"d\":[true,null,2.5]},\"e\":\"\"}";
        SecurityEvent e = everyFieldSet();
        e.raw = RawFields.deferred(record);
        SecurityEvent back = roundTrip(e);
        assertThat(back.raw.isDeferred()).as("still the text after the crossing").isTrue();
        assertThat(back.raw.json).isEqualTo(record);
        assertThat(back.raw.asMap())
                .containsExactly(
                        Map.entry("a", "1"),
                        Map.entry("b.c", "x"),
                        Map.entry("b.d.0", "true"),
                        Map.entry("b.d.2", "2.5"),
                        Map.entry("e", ""));
        assertThat(back.raw.isDeferred()).as("flattened once read").isFalse();
        assertThat(back).isEqualTo(e);
        SecurityEvent copy = SecurityEventSerializer.INSTANCE.copy(e);
        assertThat(copy.raw).isNotSameAs(e.raw).isEqualTo(e.raw);
    }

    /** Held events keep the POJO serializer: deferred fields survive it (the text is a field). */
    @Test
    void deferredRawFieldsSurviveThePojoSerializerOfHeldEvents() throws Exception {
        SecurityEvent e = everyFieldSet();
        e.raw = RawFields.deferred("{\"user\":{\"name\":\"ada\"},\"n\":7}");
        TypeSerializer<SecurityEvent> pojo =
                TypeInformation.of(SecurityEvent.class)
                        .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(1024);
        pojo.serialize(e, out);
        SecurityEvent back = pojo.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.raw.isDeferred()).isTrue();
        assertThat(back.raw.json).isEqualTo(e.raw.json);
        assertThat(back.raw.get("user.name")).isEqualTo("ada");
        assertThat(back.raw.get("n")).isEqualTo("7");
        assertThat(back).isEqualTo(e);
    }

    /** Snapshots written in formats 1 and 2 (earlier releases) are read as is by format 3. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void anEarlierFormatsSnapshotIsCompatibleAsIs(int format) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(8);
        out.writeInt(format);
        SecurityEventSerializerSnapshot earlier = new SecurityEventSerializerSnapshot();
        earlier.readSnapshot(
                1, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(
                        SecurityEventSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(earlier)
                                .isCompatibleAsIs())
                .isTrue();
    }

    /**
     * The wire format of version 1, as stored: format 3 reads it, and writes an event whose fields
     * are flattened as format 1's bytes behind the marker and their length (formats 1 and 2 differ
     * only for fields still carried as text).
     */
    @Test
    void theStoredBytesOfFormat1StillRead() throws Exception {
        byte[] now = bytes(everyFieldSet());
        byte[] stored = unhex(Files.readString(FORMAT_1, StandardCharsets.UTF_8).trim());
        assertThat(SecurityEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(stored)))
                .isEqualTo(everyFieldSet());
        assertThat(now).as("format 1's fields in a block").isEqualTo(block(stored));
    }

    /** Format 2's stored records read, the one that starts like format 3's marker included. */
    @Test
    void theStoredBytesOfFormat2StillRead() throws Exception {
        List<String> lines = Files.readAllLines(FORMAT_2, StandardCharsets.UTF_8);
        SecurityEvent withText = everyFieldSet();
        withText.raw = RawFields.deferred(DEFERRED_TEXT);
        SecurityEvent longOrg = everyFieldSet();
        longOrg.raw = RawFields.deferred(DEFERRED_TEXT);
        longOrg.orgId = "o".repeat(127);
        List<SecurityEvent> expected = List.of(withText, longOrg);
        assertThat(lines.get(1)).as("starts with the marker's first byte").startsWith("8001");
        for (int i = 0; i < expected.size(); i++) {
            byte[] stored = unhex(lines.get(i).trim());
            // before the equality below, which flattens the text of both sides
            assertThat(bytes(expected.get(i))).isEqualTo(block(stored));
            SecurityEvent back =
                    SecurityEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(stored));
            assertThat(back.raw.isDeferred()).isTrue();
            assertThat(back.raw.json).isEqualTo(DEFERRED_TEXT);
            assertThat(back).isEqualTo(expected.get(i));
        }
    }

    /** Records laid end to end read one after the other, as on a shuffle, whatever their format. */
    @Test
    void recordsOfEveryFormatReadBackToBack() throws Exception {
        byte[] format1 = unhex(Files.readString(FORMAT_1, StandardCharsets.UTF_8).trim());
        byte[] format2 = unhex(Files.readAllLines(FORMAT_2, StandardCharsets.UTF_8).get(1).trim());
        SecurityEvent small = new SecurityEvent();
        small.orgId = "acme";
        DataOutputSerializer out = new DataOutputSerializer(4096);
        out.write(format2);
        SecurityEventSerializer.INSTANCE.serialize(small, out);
        out.write(format1);
        SecurityEventSerializer.INSTANCE.serialize(everyFieldSet(), out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(SecurityEventSerializer.INSTANCE.deserialize(in).orgId)
                .isEqualTo("o".repeat(127));
        assertThat(SecurityEventSerializer.INSTANCE.deserialize(in)).isEqualTo(small);
        assertThat(SecurityEventSerializer.INSTANCE.deserialize(in)).isEqualTo(everyFieldSet());
        assertThat(SecurityEventSerializer.INSTANCE.deserialize(in)).isEqualTo(everyFieldSet());
        assertThat(in.available()).isZero();
    }

    /** A block whose length disagrees with its fields is refused, not read into the next record. */
    @Test
    void aBlockLongerOrShorterThanItsFieldsIsRefused() throws Exception {
        byte[] good = bytes(everyFieldSet());
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        longer[2]++; // the length's first byte: the block claims one byte more than its fields
        assertThatThrownBy(
                        () ->
                                SecurityEventSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(longer)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bytes past its fields");
        byte[] shorter = good.clone();
        shorter[2]--;
        assertThatThrownBy(
                        () ->
                                SecurityEventSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(shorter)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("fields run past its length");
    }

    /**
     * A corrupt length is refused when the bytes run out, without first allocating what it claims
     * (2 GiB here, more than the test's heap).
     */
    @Test
    void aCorruptLengthFailsWhenTheBytesEndNotWithAnAllocation() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(0x80);
        out.writeByte(0);
        VarInts.write(Integer.MAX_VALUE, out);
        out.write(new byte[300_000]);
        byte[] corrupt = out.getCopyOfBuffer();

        assertThatThrownBy(
                        () ->
                                SecurityEventSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(corrupt)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ends inside its fields (2147483647 bytes announced)");
    }

    /** A string inside a block claiming more bytes than the block holds is refused unallocated. */
    @Test
    void aStringLongerThanItsBlockIsRefused() throws Exception {
        DataOutputSerializer body = new DataOutputSerializer(16);
        VarInts.write(1_000_000_001, body); // the org: a billion bytes, in a block of a few
        body.write(new byte[8]);
        byte[] corrupt = block(body.getCopyOfBuffer());

        assertThatThrownBy(
                        () ->
                                SecurityEventSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(corrupt)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("run past its length (a length of 1000000001 where 8 bytes");
    }

    /** Events larger than the reused block (here 300 KB of vendor text) read back whole. */
    @Test
    void largeEventsReadBackBesideSmallOnes() throws Exception {
        SecurityEvent large = everyFieldSet();
        large.raw = RawFields.deferred("{\"blob\":\"" + "x".repeat(300_000) + "\"}");
        SecurityEvent small = everyFieldSet();
        DataOutputSerializer out = new DataOutputSerializer(1024);
        SecurityEventSerializer.INSTANCE.serialize(small, out);
        SecurityEventSerializer.INSTANCE.serialize(large, out);
        SecurityEventSerializer.INSTANCE.serialize(small, out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(SecurityEventSerializer.INSTANCE.deserialize(in)).isEqualTo(small);
        assertThat(SecurityEventSerializer.INSTANCE.deserialize(in)).isEqualTo(large);
        assertThat(SecurityEventSerializer.INSTANCE.deserialize(in)).isEqualTo(small);
        assertThat(in.available()).isZero();
    }

    /** Format 3's bytes for a body of an earlier format: the marker, the length, the body. */
    private static byte[] block(byte[] body) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(body.length + 8);
        out.writeByte(0x80);
        out.writeByte(0);
        VarInts.write(body.length, out);
        out.write(body);
        return out.getCopyOfBuffer();
    }

    @Test
    void theSnapshotRestoresTheSerializerAndIsCompatibleAsIs() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(
                out, SecurityEventSerializer.INSTANCE.snapshotConfiguration());
        TypeSerializerSnapshot<SecurityEvent> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        assertThat(restored.restoreSerializer()).isEqualTo(SecurityEventSerializer.INSTANCE);
        TypeSerializerSchemaCompatibility<SecurityEvent> compatibility =
                SecurityEventSerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        TypeSerializerSnapshot<SecurityEvent> pojo =
                TypeInformation.of(SecurityEvent.class)
                        .createSerializer(new SerializerConfigImpl())
                        .snapshotConfiguration();
        assertThat(
                        SecurityEventSerializer.INSTANCE
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
                            out.writeInt(SecurityEventSerializer.FORMAT_VERSION + 1);
                            new SecurityEventSerializerSnapshot()
                                    .readSnapshot(
                                            1,
                                            new DataInputDeserializer(out.getCopyOfBuffer()),
                                            getClass().getClassLoader());
                        })
                .isInstanceOf(IOException.class)
                .hasMessageContaining(
                        "wire format "
                                + (SecurityEventSerializer.FORMAT_VERSION + 1)
                                + " is not known");
    }

    /** No Kryo on the network, and state keeps the POJO serializer of the stored layouts. */
    @Test
    void noKryoAndHeldStateKeepsThePojoSerializer() {
        assertThat(SecurityEventTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(SecurityEventSerializer.class)
                .isNotInstanceOf(KryoSerializer.class);
        for (ListStateDescriptor<SecurityEvent> held :
                List.of(IdentityResolver.HELD, Enricher.HELD)) {
            held.initializeSerializerUnlessSet(new ExecutionConfig());
            assertThat(held.getElementSerializer()).isInstanceOf(PojoSerializer.class);
        }
    }

    private static SecurityEvent roundTrip(SecurityEvent e) throws IOException {
        return SecurityEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes(e)));
    }

    private static byte[] bytes(SecurityEvent e) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        SecurityEventSerializer.INSTANCE.serialize(e, out);
        return out.getCopyOfBuffer();
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }

    static byte[] unhex(String s) {
        byte[] bytes = new byte[s.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /** Every field non-null and distinct: each String its own name, numbers apart. */
    static SecurityEvent everyFieldSet() {
        SecurityEvent e = new SecurityEvent();
        try {
            for (Field f : SecurityEvent.class.getFields()) {
                if (f.getType() == String.class) {
                    f.set(e, f.getName() + "-é✓");
                }
            }
        } catch (IllegalAccessException x) {
            throw new IllegalStateException(x);
        }
        e.classUid = 4002;
        e.eventTime = 1_700_000_000_123L;
        e.ingestTime = 1_700_000_000_456L;
        e.raw = RawFields.of(Map.of("src.port", "443"));
        e.user = new UserProfile();
        e.user.userId = "u-1";
        e.user.email = "ada@example.test";
        e.user.firstName = "Ada";
        e.user.lastName = "Quill";
        e.user.department = "Finance";
        e.user.title = "Analyst";
        e.user.location = "Lyon";
        e.user.managerEmail = "boss@example.test";
        e.user.tags = new String[] {"finance", "vip"};
        return e;
    }
}
