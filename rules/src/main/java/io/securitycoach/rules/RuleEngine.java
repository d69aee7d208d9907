package io.securitycoach.rules;

import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one event of one user against the candidate rules, with that user's per-rule progress.
 * The same code runs in the Flink detect operator (progress in keyed state) and in {@code ./coach
 * rules test} (progress in a map).
 *
 * <ul>
 *   <li>plain rule: fires on the matching event;
 *   <li>threshold: fires the moment {@code count} matching events (or distinct values of a field)
 *       fall within the window, whatever order they arrived in, then starts counting afresh;
 *   <li>sequence: fires when the arrival completes steps matched in event-time order within the
 *       window, then forgets the steps used.
 * </ul>
 *
 * Suppression allows one detection per user per rule per window, either side of the last one in
 * event time; a suppressed match still consumes its progress. Progress is bounded per rule and
 * user.
 */
public final class RuleEngine {
    /** Entries kept per rule and user (per step for sequences); the oldest go first. */
    public static final int MAX_ENTRIES = 1_000;

    public static final int MAX_ENTRIES_PER_STEP = 20;

    /**
     * Per-user progress by rule key; backed by keyed state in the job, a map in tests and the CLI.
     */
    public interface ProgressStore {
        RuleProgress get(String ruleKey) throws Exception;

        void put(String ruleKey, RuleProgress progress) throws Exception;

        void remove(String ruleKey) throws Exception;
    }

    /** What evaluation produced besides detections: a rule that failed on this event. */
    public interface Failures {
        void failed(CompiledRule rule, RuleEvaluationException error);
    }

    private final long latenessMillis;

    /**
     * @param latenessMillis how late (event time) an event may arrive and still count: the
     *     out-of-orderness bound
     */
    public RuleEngine(long latenessMillis) {
        this.latenessMillis = latenessMillis;
    }

    /** Evaluates and returns the detections; progress that changed is written back to the store. */
    public List<Detection> evaluate(
            List<CompiledRule> candidates,
            SecurityEvent event,
            ProgressStore store,
            long now,
            Failures failures)
            throws Exception {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Object> eventValue = EventSchema.eventValue(event);
        Map<String, Object> userValue = EventSchema.userValue(event.user);
        List<Detection> detections = new ArrayList<>(1);
        for (CompiledRule rule : candidates) {
            try {
                Detection d = evaluate(rule, event, eventValue, userValue, store, now);
                if (d != null) {
                    detections.add(d);
                }
            } catch (RuleEvaluationException e) {
                failures.failed(rule, e);
            }
        }
        return detections;
    }

    private Detection evaluate(
            CompiledRule rule,
            SecurityEvent event,
            Map<String, Object> eventValue,
            Map<String, Object> userValue,
            ProgressStore store,
            long now)
            throws Exception {
        RuleDefinition def = rule.definition();
        if (!rule.matches(eventValue, userValue)) {
            return null;
        }
        int stepMask = def.isSequence() ? rule.matchingSteps(eventValue, userValue) : 0;
        if (def.isSequence() && stepMask == 0) {
            return null;
        }
        if (!def.isThreshold() && !def.isSequence() && def.suppressMillis <= 0) {
            return Detections.of(
                    def, event, new String[] {event.eventUid}, now); // nothing to remember
        }
        RuleProgress p = store.get(def.key());
        if (p == null || p.ruleVersion != def.version) {
            p = new RuleProgress();
            p.ruleVersion = def.version;
            p.valuesHashed = true;
        }
        ProgressEntries.hashLegacyValues(p);
        String[] trigger = advance(def, p, event, eventValue, stepMask);
        Detection fired = null;
        if (trigger != null) {
            boolean suppressed =
                    def.suppressMillis > 0
                            && p.lastFired != Long.MIN_VALUE
                            && Math.abs(event.eventTime - p.lastFired) < def.suppressMillis;
            if (!suppressed) {
                p.lastFired = event.eventTime;
                fired = Detections.of(def, event, trigger, now);
            }
        }
        save(def, p, store);
        return fired;
    }

    /**
     * Adds the event to the rule's progress; the triggering event uids when the rule is now met,
     * else null.
     */
    private String[] advance(
            RuleDefinition def,
            RuleProgress p,
            SecurityEvent event,
            Map<String, Object> eventValue,
            int stepMask) {
        if (def.isThreshold()) {
            String value =
                    def.thresholdDistinct == null
                            ? null
                            : ProgressEntries.distinctHash(
                                    String.valueOf(eventValue.get(def.thresholdDistinct)));
            p.add(event.eventTime, ProgressEntries.uid(event.eventUid), value, 0);
            prune(p, def.thresholdWindowMillis, MAX_ENTRIES);
            return Thresholds.reached(
                    p,
                    def.thresholdCount,
                    def.thresholdWindowMillis,
                    def.thresholdDistinct != null);
        }
        if (def.isSequence()) {
            for (int step = 0; step < def.sequenceSteps.length; step++) {
                if ((stepMask & (1 << step)) != 0) {
                    p.add(event.eventTime, ProgressEntries.uid(event.eventUid), null, step);
                }
            }
            prune(p, def.sequenceWindowMillis, MAX_ENTRIES_PER_STEP * def.sequenceSteps.length);
            return Sequences.complete(p, def.sequenceSteps.length, def.sequenceWindowMillis);
        }
        return new String[] {event.eventUid};
    }

    /** Writes the progress back with its expiry, or removes it when nothing is left to remember. */
    private void save(RuleDefinition def, RuleProgress p, ProgressStore store) throws Exception {
        long lastEntry =
                p.size() == 0
                        ? Long.MIN_VALUE
                        : p.times[p.size() - 1] + def.windowMillis() + latenessMillis;
        long lastSuppress =
                p.lastFired == Long.MIN_VALUE ? Long.MIN_VALUE : p.lastFired + def.suppressMillis;
        p.expiresAt = Math.max(lastEntry, lastSuppress);
        if (p.size() == 0 && (p.lastFired == Long.MIN_VALUE || def.suppressMillis <= 0)) {
            store.remove(def.key());
        } else {
            store.put(def.key(), p);
        }
    }

    /**
     * Drops entries too old to join a window with the newest (beyond lateness), then the oldest
     * above the cap.
     */
    private void prune(RuleProgress p, long windowMillis, int cap) {
        long newest = p.times[p.size() - 1];
        long horizon = newest - windowMillis - latenessMillis;
        boolean[] keep = new boolean[p.size()];
        int kept = 0;
        for (int i = p.size() - 1; i >= 0; i--) {
            keep[i] = p.times[i] >= horizon && kept < cap;
            if (keep[i]) kept++;
        }
        p.retain(keep);
    }
}
