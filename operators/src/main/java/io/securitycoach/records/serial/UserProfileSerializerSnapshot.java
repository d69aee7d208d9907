package io.securitycoach.records.serial;

import io.securitycoach.schema.UserProfile;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;

/**
 * What a checkpoint keeps of {@link UserProfileSerializer}: its format version. Profiles that the
 * POJO serializer wrote (savepoints before it) are compatible after migration: Flink reads each
 * with the POJO serializer restored from its snapshot and writes it again with this one.
 */
public final class UserProfileSerializerSnapshot extends FormatVersionSnapshot<UserProfile> {
    /** For Flink's reflective instantiation on restore. */
    public UserProfileSerializerSnapshot() {
        super("UserProfile", UserProfileSerializer.FORMAT_VERSION, UserProfileSerializer.INSTANCE);
    }

    @Override
    public TypeSerializerSchemaCompatibility<UserProfile> resolveSchemaCompatibility(
            TypeSerializerSnapshot<UserProfile> oldSerializerSnapshot) {
        if (oldSerializerSnapshot instanceof PojoSerializerSnapshot
                && isExactlyUserProfile(
                        oldSerializerSnapshot.restoreSerializer().createInstance())) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return super.resolveSchemaCompatibility(oldSerializerSnapshot);
    }

    /** Not a subclass: its own fields would be lost in the migration. */
    private static boolean isExactlyUserProfile(Object instance) {
        return instance != null && instance.getClass() == UserProfile.class;
    }
}
