package io.securitycoach.coaching;

import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The channels coaching can be delivered on, by the names rules, org settings, the configuration,
 * the notifier and the local receiver all use. A new channel starts here.
 */
public enum ChannelName {
    SLACK("slack"),
    TEAMS("teams"),
    WEBHOOK("webhook");

    private static final SortedSet<String> IDS =
            Collections.unmodifiableSortedSet(
                    Arrays.stream(values())
                            .map(ChannelName::id)
                            .collect(Collectors.toCollection(TreeSet::new)));

    private final String id;

    ChannelName(String id) {
        this.id = id;
    }

    /** The name in rules, settings, configuration, notifications and statuses. */
    public String id() {
        return id;
    }

    /** Every channel's id, in alphabetical order (as error messages list them). */
    public static SortedSet<String> ids() {
        return IDS;
    }

    public static boolean isKnown(String id) {
        return IDS.contains(id);
    }

    public static Optional<ChannelName> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** True when {@code id} names this channel. */
    public boolean is(String id) {
        return this.id.equals(id);
    }
}
