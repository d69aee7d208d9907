package io.securitycoach.records;

import io.securitycoach.normalize.FeedWindow;
import io.securitycoach.rules.Detection;
import io.securitycoach.rules.RuleDefinition;
import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every record that crosses the network or lives in state is a Flink POJO, serialized without Kryo:
 * fast, and able to evolve its schema across savepoints.
 */
class FlinkSerializationTest {
    @ParameterizedTest
    @ValueSource(
            classes = {
                RawEvent.class, SecurityEvent.class, RawFields.class, UserProfile.class,
                        UserRecord.class,
                DirectoryUpdate.class, ControlMessage.class, RuleDefinition.class,
                        ControlStatus.class, Detection.class,
                Notification.class, DeliveryStatus.class, DeadLetter.class, AuditRecord.class,
                        FeedSample.class,
                FeedWindow.class, OrgSettings.class
            })
    void isAPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
