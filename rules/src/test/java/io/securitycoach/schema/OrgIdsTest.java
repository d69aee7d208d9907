package io.securitycoach.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrgIdsTest {

    @Test
    void acceptsLowerCaseIdsWithInnerHyphens() {
        for (String id : List.of("acme", "globex", "org-001", "a", "123", "acme-corp-eu")) {
            assertNull(OrgIds.problem(id), id);
        }
    }

    @Test
    void refusesIdsThatCouldAliasAnotherOrEscapeAPath() {
        for (String id :
                List.of(
                        "ACME",
                        "acme_corp",
                        "acme.corp",
                        "acme--corp",
                        "-acme",
                        "acme-",
                        "../../x y",
                        "acme/x",
                        "",
                        " acme",
                        "a".repeat(64))) {
            assertFalse(OrgIds.isValid(id), id);
            assertNotNull(OrgIds.problem(id), id);
        }
        assertNotNull(OrgIds.problem(null));
    }

    @Test
    void namespacesOfTheFindingAreDistinctAndNotPrefixesOfEachOther() {
        assertEquals("COACH_ORG_ACME__", OrgIds.envNamespace("acme"));
        assertEquals("COACH_ORG_ACME_CORP__", OrgIds.envNamespace("acme-corp"));
        assertFalse(OrgIds.envNamespace("acme-corp").startsWith(OrgIds.envNamespace("acme")));
        assertThrows(IllegalArgumentException.class, () -> OrgIds.envNamespace("acme_corp"));
    }

    @Test
    void envNamespacesArePrefixFreeOverManyRandomIds() {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        String alphabet = "ab1-";
        Set<String> unique = new LinkedHashSet<>();
        while (unique.size() < 1500) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (OrgIds.isValid(b.toString())) {
                unique.add(b.toString());
            }
        }
        ids.addAll(unique);
        Map<String, String> seen = new HashMap<>();
        for (String id : ids) {
            String ns = OrgIds.envNamespace(id);
            assertNull(seen.put(ns, id), "two ids share " + ns);
        }
        for (String a : ids) {
            for (String b : ids) {
                if (!a.equals(b)) {
                    assertFalse(
                            OrgIds.envNamespace(b).startsWith(OrgIds.envNamespace(a)),
                            a + " vs " + b);
                }
            }
        }
    }
}
