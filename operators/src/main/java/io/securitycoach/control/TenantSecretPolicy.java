package io.securitycoach.control;

import io.securitycoach.schema.OrgIds;
import io.securitycoach.validation.Problems;
import java.util.regex.Pattern;

/**
 * Tenants are kept apart: an org's secret references must be well formed and lie in its own
 * namespace, derived from its id by {@link OrgIds} one-to-one, so no org can name another org's
 * secret.
 */
public final class TenantSecretPolicy {
    private static final Pattern SECRET_REF =
            Pattern.compile("^(env|file|aws-secrets-manager):[A-Za-z0-9/_.+=@-]{1,256}$");

    private TenantSecretPolicy() {}

    /**
     * Adds a problem at {@code path} and returns false unless {@code ref} is a well-formed
     * reference the org owns.
     */
    public static boolean accept(String orgId, String path, String ref, Problems problems) {
        if (!SECRET_REF.matcher(ref).matches()) {
            problems.add(
                    path,
                    "expected a secret reference (env:NAME, file:PATH or aws-secrets-manager:NAME),"
                            + " not a URL or token");
            return false;
        }
        if (!OrgIds.isValid(orgId)) {
            problems.add(path, OrgIds.problem(orgId));
            return false;
        }
        if (!ownedBy(orgId, ref)) {
            problems.add(
                    path,
                    "an org may only name its own secrets: env:"
                            + OrgIds.envNamespace(orgId)
                            + "..., file:"
                            + OrgIds.pathNamespace("orgs/", orgId)
                            + "... or aws-secrets-manager:"
                            + OrgIds.pathNamespace("coach/", orgId)
                            + "...");
            return false;
        }
        return true;
    }

    /**
     * True when {@code ref} names a secret inside the org's own namespace (and not just the
     * namespace).
     */
    public static boolean ownedBy(String orgId, String ref) {
        if (!OrgIds.isValid(orgId) || ref.contains("..")) {
            return false;
        }
        return hasNameAfter(ref, "env:" + OrgIds.envNamespace(orgId))
                || hasNameAfter(ref, "file:" + OrgIds.pathNamespace("orgs/", orgId))
                || hasNameAfter(
                        ref, "aws-secrets-manager:" + OrgIds.pathNamespace("coach/", orgId));
    }

    private static boolean hasNameAfter(String ref, String namespace) {
        return ref.startsWith(namespace) && ref.length() > namespace.length();
    }
}
