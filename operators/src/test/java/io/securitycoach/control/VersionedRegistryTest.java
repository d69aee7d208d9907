package io.securitycoach.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VersionedRegistryTest {
    /** A definition: a version and a text. */
    static final class Def {
        final long version;
        final String text;

        Def(long version, String text) {
            this.version = version;
            this.text = text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Def && ((Def) o).version == version && ((Def) o).text.equals(text);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, text);
        }
    }

    static final class MapStore implements VersionedRegistry.Store<Def> {
        final Map<String, Def> entries = new TreeMap<>();

        @Override
        public Def get(String key) {
            return entries.get(key);
        }

        @Override
        public void put(String key, Def value) {
            entries.put(key, value);
        }

        @Override
        public void remove(String key) {
            entries.remove(key);
        }

        @Override
        public int countForOrg(String org) {
            return (int) entries.keySet().stream().filter(k -> k.startsWith(org + "/")).count();
        }
    }

    private final VersionedRegistry<Def> registry =
            new VersionedRegistry<>("rules", 2, d -> d.version);
    private final MapStore store = new MapStore();

    private static ControlRequest rule(String org, String id, long version) {
        return ControlRequest.rule(org, id, version, "api", 1000);
    }

    private String answer(VersionedRegistry.Outcome<Def> o) {
        return o.status.status
                + ":"
                + o.status.activeVersion
                + (o.status.errors.length > 0 ? " " + o.status.errors[0] : "");
    }

    @Test
    void newerVersionsReplaceOlderOnesAreStaleAndAnIdenticalResendIsAcceptedAgain()
            throws Exception {
        assertThat(answer(registry.upsert(store, rule("acme", "g", 2), new Def(2, "a"))))
                .isEqualTo("accepted:2");
        assertThat(answer(registry.upsert(store, rule("acme", "g", 2), new Def(2, "a"))))
                .isEqualTo("accepted:2");
        assertThat(answer(registry.upsert(store, rule("acme", "g", 1), new Def(1, "b"))))
                .isEqualTo("stale:2 version 1 is not newer than the live version 2");
        VersionedRegistry.Outcome<Def> newer =
                registry.upsert(store, rule("acme", "g", 3), new Def(3, "c"));
        assertThat(answer(newer)).isEqualTo("accepted:3");
        assertThat(newer.previous.text).isEqualTo("a");
        assertThat(store.get("acme/g").text).isEqualTo("c");
    }

    @Test
    void aNewSubjectBeyondTheOrgsLimitIsRejectedButOthersOrgsAndUpdatesGoOn() throws Exception {
        registry.upsert(store, rule("acme", "a", 1), new Def(1, "a"));
        registry.upsert(store, rule("acme", "b", 1), new Def(1, "b"));
        VersionedRegistry.Outcome<Def> third =
                registry.upsert(store, rule("acme", "c", 1), new Def(1, "c"));
        assertThat(third.applied).isFalse();
        assertThat(answer(third))
                .isEqualTo("rejected:0 org: acme already has 2 rules, the most an org may have");
        assertThat(answer(registry.upsert(store, rule("acme", "a", 2), new Def(2, "a2"))))
                .isEqualTo("accepted:2");
        assertThat(answer(registry.upsert(store, rule("globex", "c", 1), new Def(1, "c"))))
                .isEqualTo("accepted:1");
    }

    @Test
    void deleteNeedsALiveSubjectAndAVersionNotOlderThanIt() throws Exception {
        registry.upsert(store, rule("acme", "g", 2), new Def(2, "a"));
        assertThat(answer(registry.delete(store, rule("acme", "nope", 9))))
                .isEqualTo("rejected:0 rule: no such rule");
        assertThat(answer(registry.delete(store, rule("acme", "g", 1)))).startsWith("stale:2");
        VersionedRegistry.Outcome<Def> deleted = registry.delete(store, rule("acme", "g", 2));
        assertThat(answer(deleted)).isEqualTo("deleted:0");
        assertThat(deleted.previous.text).isEqualTo("a");
        assertThat(store.entries).isEmpty();
    }

    @Test
    void aChangeMakesANewVersionOfTheLiveValueUnlessItsCheckRefusesIt() throws Exception {
        registry.upsert(store, rule("acme", "g", 1), new Def(1, "a"));
        assertThat(
                        answer(
                                registry.change(
                                        store,
                                        rule("acme", "g", 2),
                                        live -> new Def(2, live.text + "!"),
                                        next -> List.of())))
                .isEqualTo("accepted:2");
        assertThat(store.get("acme/g").text).isEqualTo("a!");
        assertThat(
                        answer(
                                registry.change(
                                        store,
                                        rule("acme", "g", 2),
                                        live -> live,
                                        next -> List.of())))
                .startsWith("stale:2");
        assertThat(
                        answer(
                                registry.change(
                                        store,
                                        rule("acme", "g", 3),
                                        live -> new Def(3, "x"),
                                        next -> List.of("when: no longer compiles"))))
                .isEqualTo("rejected:2 when: no longer compiles");
        assertThat(store.get("acme/g").version).as("the live version stays").isEqualTo(2);
        assertThat(
                        answer(
                                registry.change(
                                        store,
                                        ControlRequest.parser("acme", "feed", 1, "api", 0),
                                        live -> live,
                                        next -> List.of())))
                .isEqualTo("rejected:0 parser: no such parser");
    }

    @Test
    void settingsAreKeyedByTheirOrgAndTheLiveVersionIsWhatARejectionLeaves() throws Exception {
        VersionedRegistry<Def> settings =
                new VersionedRegistry<>("settings", Integer.MAX_VALUE, d -> d.version);
        ControlRequest v4 = ControlRequest.settings("acme", 4, "api", 0);
        assertThat(v4.key()).isEqualTo("acme");
        settings.upsert(store, v4, new Def(4, "s"));
        assertThat(settings.liveVersion(store, ControlRequest.settings("acme", 5, "api", 0)))
                .isEqualTo(4);
        assertThat(settings.liveVersion(store, ControlRequest.settings(null, 5, "api", 0)))
                .isZero();
        assertThat(registry.liveVersion(store, rule("acme", null, 1)))
                .as("a rule without id has none")
                .isZero();
    }
}
