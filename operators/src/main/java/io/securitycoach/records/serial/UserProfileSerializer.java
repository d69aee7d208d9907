package io.securitycoach.records.serial;

import io.securitycoach.schema.UserProfile;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The enricher's profile of each user in keyed state, read for every event: the strings as byte
 * arrays ({@link StringCodec}), the tags as a count and strings, where the POJO serializer it
 * replaces set each field through reflection and read each string char by char. State written by
 * the POJO serializer (savepoints before it) is migrated once on restore ({@link
 * UserProfileSerializerSnapshot}).
 */
public final class UserProfileSerializer extends TypeSerializer<UserProfile> {
    private static final long serialVersionUID = 1L;

    /** The state format; a change of field order or encoding is a new version. */
    static final int FORMAT_VERSION = 1;

    public static final UserProfileSerializer INSTANCE = new UserProfileSerializer();

    private static final String RECORD = "UserProfile";

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<UserProfile> duplicate() {
        return this; // stateless
    }

    @Override
    public UserProfile createInstance() {
        return new UserProfile();
    }

    @Override
    public UserProfile copy(UserProfile from) {
        UserProfile p = new UserProfile();
        p.userId = from.userId;
        p.email = from.email;
        p.firstName = from.firstName;
        p.lastName = from.lastName;
        p.department = from.department;
        p.title = from.title;
        p.location = from.location;
        p.managerEmail = from.managerEmail;
        p.tags = from.tags == null ? null : from.tags.clone();
        return p;
    }

    @Override
    public UserProfile copy(UserProfile from, UserProfile reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(UserProfile p, DataOutputView out) throws IOException {
        StringCodec.write(p.userId, out);
        StringCodec.write(p.email, out);
        StringCodec.write(p.firstName, out);
        StringCodec.write(p.lastName, out);
        StringCodec.write(p.department, out);
        StringCodec.write(p.title, out);
        StringCodec.write(p.location, out);
        StringCodec.write(p.managerEmail, out);
        VarInts.write(p.tags == null ? 0 : p.tags.length + 1, out);
        for (int i = 0; p.tags != null && i < p.tags.length; i++) {
            StringCodec.write(p.tags[i], out);
        }
    }

    @Override
    public UserProfile deserialize(DataInputView in) throws IOException {
        UserProfile p = new UserProfile();
        p.userId = StringCodec.read(in, RECORD);
        p.email = StringCodec.read(in, RECORD);
        p.firstName = StringCodec.read(in, RECORD);
        p.lastName = StringCodec.read(in, RECORD);
        p.department = StringCodec.read(in, RECORD);
        p.title = StringCodec.read(in, RECORD);
        p.location = StringCodec.read(in, RECORD);
        p.managerEmail = StringCodec.read(in, RECORD);
        p.tags = readTags(in);
        return p;
    }

    /**
     * The tags, null kept apart from none; the array grows as tags arrive, so that a corrupt count
     * fails at the end of the bytes rather than allocating what it claims.
     */
    private static String[] readTags(DataInputView in) throws IOException {
        int count = VarInts.read(in, RECORD) - 1;
        if (count < -1) {
            throw new IOException("malformed tag count in a " + RECORD + " record");
        }
        if (count == -1) {
            return null;
        }
        String[] tags = new String[Math.min(count, 16)];
        for (int i = 0; i < count; i++) {
            if (i == tags.length) {
                tags = Arrays.copyOf(tags, (int) Math.min(count, 2L * tags.length));
            }
            tags[i] = StringCodec.read(in, RECORD);
        }
        return tags;
    }

    @Override
    public UserProfile deserialize(UserProfile reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof UserProfileSerializer;
    }

    @Override
    public int hashCode() {
        return UserProfileSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<UserProfile> snapshotConfiguration() {
        return new UserProfileSerializerSnapshot();
    }
}
