package io.securitycoach.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-rule progress of one user in a map: for rule tests, the CLI and benchmarks (the job keeps it
 * in keyed state).
 */
public final class MemoryProgressStore implements RuleEngine.ProgressStore {
    private final Map<String, RuleProgress> progress = new HashMap<>();

    @Override
    public RuleProgress get(String ruleKey) {
        return progress.get(ruleKey);
    }

    @Override
    public void put(String ruleKey, RuleProgress p) {
        progress.put(ruleKey, p);
    }

    @Override
    public void remove(String ruleKey) {
        progress.remove(ruleKey);
    }
}
