package io.securitycoach.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled rules of one task, indexed by org and event class: an event is only tested against
 * its own org's enabled rules that can match its class (tenants never see each other's rules, and
 * cost does not grow with rules that cannot apply). Compiled programs are cached by definition.
 */
public final class RuleIndex {
    private static final String ANY_CLASS = "\u0000any";

    private final RuleCompiler compiler = new RuleCompiler();
    private final Map<String, CompiledRule> byKey = new HashMap<>();
    /** org -> class (or ANY_CLASS) -> rules; rebuilt per org on change. */
    private final Map<String, Map<String, List<CompiledRule>>> byOrgAndClass = new HashMap<>();

    public RuleCompiler compiler() {
        return compiler;
    }

    public CompiledRule get(String key) {
        return byKey.get(key);
    }

    /** Rules of one org currently known (enabled or not). */
    public int countForOrg(String orgId) {
        int n = 0;
        for (CompiledRule r : byKey.values()) {
            if (r.definition().orgId.equals(orgId)) n++;
        }
        return n;
    }

    public void put(CompiledRule rule) {
        byKey.put(rule.definition().key(), rule);
        reindex(rule.definition().orgId);
    }

    public void remove(String key) {
        CompiledRule gone = byKey.remove(key);
        if (gone != null) {
            reindex(gone.definition().orgId);
        }
    }

    /**
     * Compiles and installs a definition, reusing the compiled form when it is unchanged.
     * @throws RuleRejectedException when it does not compile (e.g. restored after a schema change)
     */
    public CompiledRule install(RuleDefinition def) throws RuleRejectedException {
        CompiledRule existing = byKey.get(def.key());
        CompiledRule rule = existing != null && existing.definition().equals(def) ? existing : compiler.compile(def);
        put(rule);
        return rule;
    }

    /** The enabled rules of the event's org that can match its class, in a stable order. */
    public List<CompiledRule> candidates(String orgId, String eventClass) {
        Map<String, List<CompiledRule>> byClass = byOrgAndClass.get(orgId);
        if (byClass == null) {
            return Collections.emptyList();
        }
        List<CompiledRule> specific = eventClass == null ? null : byClass.get(eventClass);
        List<CompiledRule> any = byClass.get(ANY_CLASS);
        if (specific == null) return any == null ? Collections.emptyList() : any;
        if (any == null) return specific;
        List<CompiledRule> both = new ArrayList<>(specific);
        both.addAll(any);
        both.sort((a, b) -> a.definition().ruleId.compareTo(b.definition().ruleId));
        return both;
    }

    public Collection<CompiledRule> all() {
        return Collections.unmodifiableCollection(byKey.values());
    }

    private void reindex(String orgId) {
        Map<String, List<CompiledRule>> byClass = new HashMap<>();
        for (CompiledRule rule : byKey.values()) {
            if (!rule.definition().orgId.equals(orgId) || !rule.definition().enabled) {
                continue;
            }
            Set<String> classes = rule.eventClasses();
            for (String c : classes == null ? Set.of(ANY_CLASS) : classes) {
                byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(rule);
            }
        }
        byClass.values().forEach(list -> list.sort((a, b) -> a.definition().ruleId.compareTo(b.definition().ruleId)));
        if (byClass.isEmpty()) {
            byOrgAndClass.remove(orgId);
        } else {
            byOrgAndClass.put(orgId, byClass);
        }
    }
}
