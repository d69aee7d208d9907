package io.securitycoach.records.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The enricher's profile state: every field round-trips exactly (found by reflection, so a new
 * field the serializer forgets fails here), nulls and empty tags stay apart, a corrupt tag count
 * fails without allocating it, and profiles the POJO serializer wrote are migrated.
 */
class UserProfileSerializerTest {
    /** {@link #storedProfile} as format 1 wrote it: a fixture of a past format, never rewritten. */
    private static final Path FORMAT_1 =
            Paths.get("src/test/resources/serial/user-profile-format-1.hex");

    /** Latin-1, UTF-8 and, for an unpaired surrogate, UTF-16 strings; a null; tags. */
    private static UserProfile storedProfile() {
        UserProfile p = new UserProfile();
        p.userId = "u-9001";
        p.email = "ana.costa@acme.example";
        p.firstName = "Ana";
        p.lastName = "Costa";
        p.department = "D\u00e9partement \u4e2d";
        p.title = null;
        p.location = "Lisbon";
        p.managerEmail = "mgr@acme.example";
        p.tags = new String[] {"vip", "unpaired \ud800"};
        return p;
    }

    /** State written by format 1 reads back, and format 1 is still what is written. */
    @Test
    void theStoredBytesOfFormat1ReadAndAreStillWritten() throws Exception {
        byte[] stored =
                SecurityEventSerializerTest.unhex(
                        Files.readString(FORMAT_1, StandardCharsets.UTF_8).trim());
        assertThat(UserProfileSerializer.FORMAT_VERSION).isEqualTo(1);
        assertThat(UserProfileSerializer.INSTANCE.deserialize(new DataInputDeserializer(stored)))
                .isEqualTo(storedProfile());
        DataOutputSerializer out = new DataOutputSerializer(64);
        UserProfileSerializer.INSTANCE.serialize(storedProfile(), out);
        assertThat(out.getCopyOfBuffer())
                .as("a change of encoding is a new FORMAT_VERSION and a new fixture")
                .isEqualTo(stored);
    }

    @Test
    void aCorruptStringLengthFailsWithoutAllocatingIt() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        VarInts.write((1 << 28) << 2 | StringCodec.LATIN_1, out); // a 256 MiB user id
        out.writeByte('u');
        assertThatThrownBy(
                        () ->
                                UserProfileSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(out.getCopyOfBuffer())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bytes where 1 are left");
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() throws Exception {
        UserProfile p = new UserProfile();
        int n = 0;
        for (Field f : UserProfile.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            if (f.getType() == String.class) {
                f.set(p, f.getName() + " \u00e9\u4e2d\ud83d\ude00 " + n++);
            } else if (f.getType() != String[].class) {
                throw new AssertionError("a field of a type this test does not fill: " + f);
            }
        }
        p.tags = new String[] {"vip", "", "unpaired \ud800", null};
        UserProfile back = roundTrip(p);
        assertThat(back).isEqualTo(p).isNotSameAs(p);
        for (Field f : UserProfile.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertThat(f.get(back)).as(f.getName()).isEqualTo(f.get(p));
            }
        }
    }

    @Test
    void nullsAndEmptyTagsStayApart() throws Exception {
        UserProfile empty = new UserProfile();
        assertThat(roundTrip(empty).tags).isEmpty();
        assertThat(roundTrip(empty).email).isNull();
        UserProfile none = new UserProfile();
        none.tags = null;
        assertThat(roundTrip(none).tags).isNull();
        UserProfile many = new UserProfile();
        many.tags = new String[100];
        for (int i = 0; i < many.tags.length; i++) {
            many.tags[i] = "tag-" + i;
        }
        assertThat(roundTrip(many)).isEqualTo(many);
    }

    @Test
    void copiesAreDeep() {
        UserProfile p = new UserProfile();
        p.department = "Finance";
        p.tags = new String[] {"vip"};
        UserProfile copy = UserProfileSerializer.INSTANCE.copy(p);
        assertThat(copy).isEqualTo(p);
        assertThat(copy.tags).isNotSameAs(p.tags);
    }

    @Test
    void aCorruptTagCountFailsAtTheEndOfTheBytes() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (int i = 0; i < 8; i++) {
            out.writeByte(0); // eight null strings
        }
        VarInts.write(Integer.MAX_VALUE, out);
        out.writeByte(0);
        assertThatThrownBy(
                        () ->
                                UserProfileSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(out.getCopyOfBuffer())))
                .isInstanceOf(IOException.class);
    }

    @Test
    void profilesOfThePojoSerializerAreMigratedOthersRefused() throws Exception {
        TypeSerializerSnapshot<UserProfile> own =
                UserProfileSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, own);
        TypeSerializerSnapshot<UserProfile> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isSameAs(UserProfileSerializer.INSTANCE);
        assertThat(own.resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();

        TypeSerializerSnapshot<UserProfile> pojo =
                TypeInformation.of(UserProfile.class)
                        .createSerializer(new SerializerConfigImpl())
                        .snapshotConfiguration();
        assertThat(own.resolveSchemaCompatibility(pojo).isCompatibleAfterMigration()).isTrue();

        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<UserProfile> otherPojo =
                (TypeSerializerSnapshot)
                        TypeInformation.of(SecurityEvent.class)
                                .createSerializer(new SerializerConfigImpl())
                                .snapshotConfiguration();
        assertThat(own.resolveSchemaCompatibility(otherPojo).isIncompatible()).isTrue();
    }

    private static UserProfile roundTrip(UserProfile p) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        UserProfileSerializer.INSTANCE.serialize(p, out);
        return UserProfileSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
