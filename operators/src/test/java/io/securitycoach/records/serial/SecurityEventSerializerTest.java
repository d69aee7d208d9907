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
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The compact SecurityEvent serializer of the shuffles: every field survives the round trip (found
 * by reflection, so a new field that the serializer forgets fails here), nulls stay nulls, the
 * stored bytes of format 1 still read, the snapshot restores and is compatible with itself only,
 * and held events in state keep the POJO serializer of the stored savepoint layouts.
 */
class SecurityEventSerializerTest {
    /** -Dcoach.serial.write=true rewrites it (only when a new format is made). */
    private static final Path FORMAT_1 =
            Paths.get("src/test/resources/serial/security-event-format-1.hex");

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

    /** The wire format of version 1, as stored: a change of layout must be a new format. */
    @Test
    void theStoredBytesOfFormat1StillRead() throws Exception {
        byte[] now = bytes(everyFieldSet());
        if (Boolean.getBoolean("coach.serial.write")) {
            Files.writeString(FORMAT_1, hex(now) + "\n");
        }
        byte[] stored = unhex(Files.readString(FORMAT_1, StandardCharsets.UTF_8).trim());
        assertThat(SecurityEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(stored)))
                .isEqualTo(everyFieldSet());
        assertThat(now).as("format 1 still writes the stored bytes").isEqualTo(stored);
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
                .hasMessageContaining("wire format 2 is not known");
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
