package io.securitycoach.util;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.records.FeedSample;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs shared by the stages. */
public final class Tags {
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /**
     * Answers to control messages and findings about live subjects (rules, parsers, settings,
     * feeds).
     */
    public static final OutputTag<ControlStatus> RULE_STATUS =
            new OutputTag<>("rule-status", TypeInformation.of(ControlStatus.class));

    /**
     * Org settings the detect stage hands to the notify stage after a restore of an older layout.
     */
    public static final OutputTag<ControlMessage> ORG_SETTINGS_HANDOVER =
            new OutputTag<>("org-settings-handover", TypeInformation.of(ControlMessage.class));

    /** Identities bound to or released by a user, from the directory stage to the resolver. */
    public static final OutputTag<DirectoryUpdate> IDENTITY_CHANGES =
            new OutputTag<>("identity-changes", TypeInformation.of(DirectoryUpdate.class));

    /**
     * Notifications that end without an attempt (staged rule, unknown user): their final status.
     */
    public static final OutputTag<DeliveryStatus> SKIPPED_DELIVERIES =
            new OutputTag<>("skipped-deliveries", TypeInformation.of(DeliveryStatus.class));

    /** Per input record of the normalize stage, what it became: for the feed health monitor. */
    public static final OutputTag<FeedSample> FEED_SAMPLES =
            new OutputTag<>("feed-samples", TypeInformation.of(FeedSample.class));

    private Tags() {}
}
