package io.securitycoach.detect;

import io.securitycoach.rules.CompiledRule;
import io.securitycoach.rules.RuleCompiler;
import io.securitycoach.rules.RuleDefinition;
import io.securitycoach.rules.RuleRejectedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled rules of one task, indexed by org so that an event is only tested against its own
 * org's enabled rules (tenants never see each other's rules). Rebuilt from broadcast state after a
 * restore; compiled programs are cached by rule key and version.
 */
final class RuleSet {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSet.class);

    private final RuleCompiler compiler = new RuleCompiler();
    private final Map<String, CompiledRule> byKey = new HashMap<>();
    private final Map<String, List<CompiledRule>> enabledByOrg = new HashMap<>();

    /**
     * Makes the given definitions the live set, compiling only what changed. A stored rule that no
     * longer compiles (the schema changed under it across an upgrade) is left out and logged rather
     * than failing the job on restore.
     */
    void reset(Iterable<RuleDefinition> definitions) {
        Map<String, CompiledRule> next = new HashMap<>();
        for (RuleDefinition def : definitions) {
            CompiledRule existing = byKey.get(def.key());
            try {
                next.put(def.key(), existing != null && existing.definition().equals(def) ? existing : compiler.compile(def));
            } catch (RuleRejectedException e) {
                LOG.error("Restored rule {} v{} no longer compiles and stays inactive: {}", def.key(), def.version, e.getMessage());
            }
        }
        byKey.clear();
        byKey.putAll(next);
        reindex();
    }

    void put(CompiledRule rule) {
        byKey.put(rule.definition().key(), rule);
        reindex();
    }

    void remove(String key) {
        byKey.remove(key);
        reindex();
    }

    List<CompiledRule> forOrg(String orgId) {
        return enabledByOrg.getOrDefault(orgId, Collections.emptyList());
    }

    RuleCompiler compiler() {
        return compiler;
    }

    private void reindex() {
        enabledByOrg.clear();
        for (CompiledRule rule : byKey.values()) {
            if (rule.definition().enabled) {
                enabledByOrg.computeIfAbsent(rule.definition().orgId, o -> new ArrayList<>()).add(rule);
            }
        }
        // A stable order makes detections of one event come out in the same order on every run.
        enabledByOrg.values().forEach(list -> list.sort((a, b) -> a.definition().ruleId.compareTo(b.definition().ruleId)));
    }
}
