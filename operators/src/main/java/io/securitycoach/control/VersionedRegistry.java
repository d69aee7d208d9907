package io.securitycoach.control;

import io.securitycoach.records.ControlRequest;
import io.securitycoach.records.ControlStatus;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * The versioning rules of the control stream, for any subject an org defines (rules, parsing
 * configurations, settings): a newer version replaces the live one (an identical re-send is
 * accepted again), an older one is stale, a new subject counts against the org's limit, and a
 * delete or a change names a live subject and a version not older than it. Values are validated
 * before they get here; the registry decides and answers with one {@link ControlStatus} per
 * message, and keeps its entries in a {@link Store} (broadcast state in the job, a map in tests).
 */
public final class VersionedRegistry<T> {
    /** Where entries live, by {@link ControlRequest#key()}. */
    public interface Store<T> {
        T get(String key) throws Exception;

        void put(String key, T value) throws Exception;

        void remove(String key) throws Exception;

        /**
         * How many subjects the org has (keys {@code org/...}); a store may count faster itself.
         */
        int countForOrg(String org) throws Exception;
    }

    /** Checks a changed value before it goes live; the errors refuse it (empty: it may go live). */
    @FunctionalInterface
    public interface Check<T> {
        List<String> errors(T next) throws Exception;
    }

    private final String what;
    private final int maxPerOrg;
    private final ToLongFunction<T> versionOf;

    /**
     * @param what the subjects in plain words, for the limit's message ("rules")
     */
    public VersionedRegistry(String what, int maxPerOrg, ToLongFunction<T> versionOf) {
        this.what = what;
        this.maxPerOrg = maxPerOrg;
        this.versionOf = versionOf;
    }

    /** A new or newer value for the request's subject. */
    public Outcome<T> upsert(Store<T> store, ControlRequest r, T value) throws Exception {
        String key = r.key();
        T live = store.get(key);
        if (live != null && versionOf.applyAsLong(live) >= r.version && !live.equals(value)) {
            return Outcome.unchanged(ControlStatus.stale(r, versionOf.applyAsLong(live)));
        }
        if (live == null && store.countForOrg(r.orgId) >= maxPerOrg) {
            return Outcome.unchanged(
                    ControlStatus.rejected(
                            r,
                            0,
                            List.of(
                                    "org: "
                                            + r.orgId
                                            + " already has "
                                            + maxPerOrg
                                            + " "
                                            + what
                                            + ", the most an org may have")));
        }
        store.put(key, value);
        return Outcome.applied(ControlStatus.accepted(r), live, value);
    }

    /**
     * A new version of the live value with one setting changed by {@code next} (enable, stage,
     * ...).
     */
    public Outcome<T> change(
            Store<T> store, ControlRequest r, UnaryOperator<T> next, Check<T> check)
            throws Exception {
        T live = store.get(r.key());
        if (live == null) {
            return Outcome.unchanged(noSuchSubject(r));
        }
        long liveVersion = versionOf.applyAsLong(live);
        if (r.version <= liveVersion) {
            return Outcome.unchanged(ControlStatus.stale(r, liveVersion));
        }
        T changed = next.apply(live);
        List<String> errors = check.errors(changed);
        if (!errors.isEmpty()) {
            return Outcome.unchanged(ControlStatus.rejected(r, liveVersion, errors));
        }
        store.put(r.key(), changed);
        return Outcome.applied(ControlStatus.accepted(r), live, changed);
    }

    /** Removes the live value when the request's version is not older than it. */
    public Outcome<T> delete(Store<T> store, ControlRequest r) throws Exception {
        T live = store.get(r.key());
        if (live == null) {
            return Outcome.unchanged(noSuchSubject(r));
        }
        if (versionOf.applyAsLong(live) > r.version) {
            return Outcome.unchanged(ControlStatus.stale(r, versionOf.applyAsLong(live)));
        }
        store.remove(r.key());
        return Outcome.applied(ControlStatus.deleted(r), live, null);
    }

    /** The version live for the request's subject, 0 when none (what a rejection leaves live). */
    public long liveVersion(Store<T> store, ControlRequest r) throws Exception {
        T live =
                r.orgId == null || r.subjectId == null && r.kind != ControlStatus.Kind.SETTINGS
                        ? null
                        : store.get(r.key());
        return live == null ? 0 : versionOf.applyAsLong(live);
    }

    private ControlStatus noSuchSubject(ControlRequest r) {
        String subject = r.kind.name().toLowerCase(Locale.ROOT);
        return ControlStatus.rejected(r, 0, List.of(subject + ": no such " + subject));
    }

    /**
     * The registry's answer and, when the message changed something, the value before and after.
     */
    public static final class Outcome<T> {
        public final ControlStatus status;
        public final boolean applied;

        /** The value live before (null when new). */
        public final T previous;

        /** The value live now (null after a delete). */
        public final T current;

        private Outcome(ControlStatus status, boolean applied, T previous, T current) {
            this.status = status;
            this.applied = applied;
            this.previous = previous;
            this.current = current;
        }

        public static <T> Outcome<T> applied(ControlStatus status, T previous, T current) {
            return new Outcome<>(status, true, previous, current);
        }

        public static <T> Outcome<T> unchanged(ControlStatus status) {
            return new Outcome<>(status, false, null, null);
        }
    }
}
