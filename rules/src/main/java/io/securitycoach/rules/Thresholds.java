package io.securitycoach.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Whether a threshold is reached in any window, and by which events; consumes them when it is. */
final class Thresholds {
    private Thresholds() {}

    /** The uids of the events that reached the threshold, or null. Entries are in time order. */
    static String[] reached(RuleProgress p, int count, long window, boolean distinct) {
        int n = p.size();
        for (int end = 0; end < n; end++) {
            // The window (t_end - window, t_end]: entries from `start` to `end`.
            int start = end;
            while (start > 0 && p.times[start - 1] > p.times[end] - window) {
                start--;
            }
            if (end - start + 1 < count) {
                continue;
            }
            List<String> uids = new ArrayList<>();
            if (distinct) {
                Map<String, String> latestByValue = new HashMap<>();
                for (int i = start; i <= end; i++) {
                    latestByValue.put(p.values[i], p.uids[i]);
                }
                if (latestByValue.size() < count) {
                    continue;
                }
                for (int i = start; i <= end; i++) {
                    if (p.uids[i].equals(latestByValue.get(p.values[i]))) {
                        uids.add(p.uids[i]);
                    }
                }
            } else {
                for (int i = start; i <= end; i++) {
                    uids.add(p.uids[i]);
                }
            }
            p.clearEntries();
            return uids.toArray(new String[0]);
        }
        return null;
    }
}
