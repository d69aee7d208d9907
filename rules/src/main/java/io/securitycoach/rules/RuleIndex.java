package io.securitycoach.rules;

import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.SecurityEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled rules of one task, indexed by org, then event class, then one required field value
 * ({@link RuleFilters}): an event is only tested against its own org's enabled rules whose required
 * class and value it has. Tenants never see each other's rules, and the cost per event stays nearly
 * flat as rules are added. Compiled programs are cached by definition.
 */
public final class RuleIndex {
    private static final String ANY_CLASS = "\u0000any";

    private final RuleCompiler compiler = new RuleCompiler();
    private final Map<String, CompiledRule> byKey = new HashMap<>();

    /**
     * Rules this index stopped evaluating after they failed at run time; still known (and counted).
     */
    private final Set<String> disabled = new HashSet<>();

    /** org -> class (or ANY_CLASS) -> rules; rebuilt per org on change. */
    private final Map<String, Map<String, Bucket>> byOrgAndClass = new HashMap<>();

    /** The rules of one org and class: those indexed by a field value, and the rest. */
    private static final class Bucket {
        final List<CompiledRule> unkeyed = new ArrayList<>();
        final Map<String, Map<String, List<CompiledRule>>> keyed = new HashMap<>();
    }

    public RuleCompiler compiler() {
        return compiler;
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
        disabled.remove(rule.definition().key());
        reindex(rule.definition().orgId);
    }

    public void remove(String key) {
        CompiledRule gone = byKey.remove(key);
        disabled.remove(key);
        if (gone != null) {
            reindex(gone.definition().orgId);
        }
    }

    /**
     * Stops evaluating a rule that failed by its own fault, until a new version is installed. It
     * stays known and counted, so every task still answers control messages alike (e.g. the org's
     * rule limit).
     */
    public void disable(String key) {
        CompiledRule rule = byKey.get(key);
        if (rule != null && disabled.add(key)) {
            reindex(rule.definition().orgId);
        }
    }

    /**
     * Compiles and installs a definition, reusing the compiled form when it is unchanged.
     *
     * @throws RuleRejectedException when it does not compile (e.g. restored after a schema change)
     */
    public CompiledRule install(RuleDefinition def) throws RuleRejectedException {
        CompiledRule existing = byKey.get(def.key());
        CompiledRule rule =
                existing != null && existing.definition().equals(def)
                        ? existing
                        : compiler.compile(def);
        put(rule);
        return rule;
    }

    /** The enabled rules of the event's org that can match it, in a stable order. */
    public List<CompiledRule> candidates(SecurityEvent event) {
        Map<String, Bucket> byClass = byOrgAndClass.get(event.orgId);
        if (byClass == null) {
            return Collections.emptyList();
        }
        List<CompiledRule> out = new ArrayList<>();
        collect(event.eventClass == null ? null : byClass.get(event.eventClass), event, out);
        collect(byClass.get(ANY_CLASS), event, out);
        if (out.size() > 1) {
            out.sort((a, b) -> a.definition().ruleId.compareTo(b.definition().ruleId));
        }
        return out;
    }

    private static void collect(Bucket bucket, SecurityEvent event, List<CompiledRule> out) {
        if (bucket == null) {
            return;
        }
        out.addAll(bucket.unkeyed);
        for (Map.Entry<String, Map<String, List<CompiledRule>>> field : bucket.keyed.entrySet()) {
            List<CompiledRule> rules =
                    field.getValue()
                            .get(String.valueOf(EventSchema.fieldValue(event, field.getKey())));
            if (rules != null) {
                out.addAll(rules);
            }
        }
    }

    private void reindex(String orgId) {
        Map<String, Bucket> byClass = new HashMap<>();
        for (CompiledRule rule : byKey.values()) {
            if (!rule.definition().orgId.equals(orgId)
                    || !rule.definition().enabled
                    || disabled.contains(rule.definition().key())) {
                continue;
            }
            RuleFilters filters = rule.filters();
            Set<String> classes = filters.classes();
            String field = filters.indexField();
            for (String c : classes == null ? Set.of(ANY_CLASS) : classes) {
                Bucket bucket = byClass.computeIfAbsent(c, k -> new Bucket());
                if (field == null) {
                    bucket.unkeyed.add(rule);
                } else {
                    Map<String, List<CompiledRule>> byValue =
                            bucket.keyed.computeIfAbsent(field, k -> new HashMap<>());
                    for (String value : filters.values(field)) {
                        byValue.computeIfAbsent(value, k -> new ArrayList<>()).add(rule);
                    }
                }
            }
        }
        if (byClass.isEmpty()) {
            byOrgAndClass.remove(orgId);
        } else {
            byOrgAndClass.put(orgId, byClass);
        }
    }
}
