package io.securitycoach.rules;

import java.util.Arrays;

/**
 * Whether a sequence's steps are matched in event-time order within the window; consumes them when
 * they are.
 */
final class Sequences {
    private Sequences() {}

    /**
     * The uids of the events that complete the sequence (one per step), or null. Entries are in
     * time order.
     */
    static String[] complete(RuleProgress p, int stepCount, long window) {
        int n = p.size();
        for (int first = 0; first < n; first++) {
            if (p.steps[first] != 0) {
                continue;
            }
            int[] chain = new int[stepCount];
            chain[0] = first;
            int found = 1;
            // Greedy: each next step is its earliest match strictly after the previous one.
            for (int i = first + 1; i < n && found < stepCount; i++) {
                if (p.steps[i] == found && p.times[i] > p.times[chain[found - 1]]) {
                    chain[found++] = i;
                }
            }
            if (found == stepCount && p.times[chain[stepCount - 1]] - p.times[first] <= window) {
                String[] uids = new String[stepCount];
                boolean[] keep = new boolean[n];
                Arrays.fill(keep, true);
                for (int s = 0; s < stepCount; s++) {
                    uids[s] = p.uids[chain[s]];
                    keep[chain[s]] = false;
                }
                p.retain(keep);
                return uids;
            }
        }
        return null;
    }
}
