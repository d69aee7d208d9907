package io.securitycoach.savepoints;

import io.securitycoach.control.ControlIntake;
import io.securitycoach.control.OrgSettingsHandover;
import io.securitycoach.detect.RuleDetector;
import io.securitycoach.directory.DirectoryChanges;
import io.securitycoach.directory.Enricher;
import io.securitycoach.directory.IdentityResolver;
import io.securitycoach.integrations.IntegrationPoller;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.normalize.FeedHealthMonitor;
import io.securitycoach.normalize.IngestQuota;
import io.securitycoach.normalize.NormalizeFunction;
import io.securitycoach.notify.NotificationPlanner;
import io.securitycoach.notify.ParkedNotifications;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.rules.RuleDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.state.StateDescriptor;

/**
 * Where the job keeps the state of orgs and people: each stateful operator's uid with the
 * operators' own state descriptors (so a reader or writer here uses exactly the serializers and TTL
 * the job uses). The rest of a savepoint (sources' positions, sinks' pending files, in-flight
 * notifications) is copied as it is.
 */
public final class JobStateLayout {
    /** Operator list state of normalize: records waiting for an org's parsing configuration. */
    public static final String WAITING_FOR_PARSERS = "waiting-for-parsers";

    /**
     * Operator list state of the control intake (uid control-intake): each org it takes control
     * input for, with its rate bucket. Copied as it is by erase and bootstrap.
     */
    public static final String CONTROL_ALLOWANCES = ControlIntake.ALLOWANCES.getName();

    /** Keyed state per operator uid. */
    public static final List<KeyedOperator> KEYED =
            List.of(
                    new KeyedOperator(JobUids.DIRECTORY, List.of(DirectoryChanges.VERSION)),
                    new KeyedOperator(
                            JobUids.RESOLVE,
                            List.of(IdentityResolver.OWNER, IdentityResolver.HELD)),
                    new KeyedOperator(JobUids.ENRICH, List.of(Enricher.PROFILE, Enricher.HELD)),
                    new KeyedOperator(
                            JobUids.DETECT, List.of(RuleDetector.PROGRESS, RuleDetector.WAITING)),
                    new KeyedOperator(
                            JobUids.PLAN,
                            List.of(
                                    NotificationPlanner.COACHED_TODAY,
                                    NotificationPlanner.QUIET,
                                    NotificationPlanner.WAITING)),
                    new KeyedOperator(JobUids.FEED_HEALTH, List.of(FeedHealthMonitor.WINDOW)),
                    new KeyedOperator(
                            JobUids.INGEST_QUOTA, List.of(IngestQuota.QUOTA, IngestQuota.DEFERRED)),
                    new KeyedOperator(
                            JobUids.PARKED_NOTIFICATIONS,
                            List.of(ParkedNotifications.PARKED, ParkedNotifications.QUEUE)),
                    // keyed org/vendor: an org's erasure removes its integrations and cursors
                    new KeyedOperator(
                            JobUids.INTEGRATION_POLLER,
                            List.of(
                                    IntegrationPoller.DEFINITION,
                                    IntegrationPoller.CURSOR,
                                    IntegrationPoller.NEXT_POLL)));

    /**
     * With the org settings detection held before layout 3 (handed to the notify stage on restore).
     */
    public static final List<BroadcastStateType<?>> DETECT_BROADCAST =
            List.of(
                    new BroadcastStateType<>(RuleDetector.RULES, RuleDefinition.class),
                    new BroadcastStateType<>(RuleDetector.CONTROL, Boolean.class),
                    new BroadcastStateType<>(
                            OrgSettingsHandover.LEGACY_ORG_SETTINGS, OrgSettings.class));

    public static final List<BroadcastStateType<?>> PLAN_BROADCAST =
            List.of(new BroadcastStateType<>(NotificationPlanner.ORG_SETTINGS, OrgSettings.class));
    public static final List<BroadcastStateType<?>> NORMALIZE_BROADCAST =
            List.of(
                    new BroadcastStateType<>(NormalizeFunction.PARSERS, ControlMessage.class),
                    new BroadcastStateType<>(NormalizeFunction.PARSERS_READY, Boolean.class),
                    new BroadcastStateType<>(NormalizeFunction.ORG_FEEDS, OrgSettings.class));

    /** Broadcast state per operator uid (orgs' definitions and settings). */
    public static final Map<String, List<BroadcastStateType<?>>> BROADCAST =
            orderedMap(
                    JobUids.NORMALIZE,
                    NORMALIZE_BROADCAST,
                    JobUids.DETECT,
                    DETECT_BROADCAST,
                    JobUids.PLAN,
                    PLAN_BROADCAST);

    private JobStateLayout() {}

    private static Map<String, List<BroadcastStateType<?>>> orderedMap(Object... uidsAndStates) {
        Map<String, List<BroadcastStateType<?>>> m = new LinkedHashMap<>();
        for (int i = 0; i < uidsAndStates.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<BroadcastStateType<?>> states = (List<BroadcastStateType<?>>) uidsAndStates[i + 1];
            m.put((String) uidsAndStates[i], states);
        }
        return m;
    }

    /** The broadcast states of an operator (none for most). */
    public static List<BroadcastStateType<?>> broadcastOf(String uid) {
        return BROADCAST.getOrDefault(uid, List.of());
    }

    /** Every state name the layout knows: an operator rewritten here holds these and no others. */
    public static Set<String> stateNames() {
        Set<String> names = new TreeSet<>();
        KEYED.forEach(k -> k.states.forEach(d -> names.add(d.getName())));
        BROADCAST
                .values()
                .forEach(states -> states.forEach(b -> names.add(b.descriptor.getName())));
        names.add(WAITING_FOR_PARSERS);
        names.add(CONTROL_ALLOWANCES);
        return names;
    }

    public static KeyedOperator keyed(String uid) {
        return KEYED.stream()
                .filter(k -> k.uid.equals(uid))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no keyed operator " + uid));
    }

    /** A keyed operator of the job and the keyed states it declares. */
    public static final class KeyedOperator {
        public final String uid;
        public final List<StateDescriptor<?, ?>> states;

        KeyedOperator(String uid, List<StateDescriptor<?, ?>> states) {
            this.uid = uid;
            this.states = states;
        }
    }
}
