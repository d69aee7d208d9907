package io.securitycoach.schema;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one definition of a valid org id, used wherever a tenant is named (control messages, drop
 * folders, stream tags, directory records, secret references). Ids are lower-case letters and
 * digits with single inner hyphens, 1 to 63 characters: no case variants, no separators that could
 * alias another id once encoded, nothing a path or an environment variable name would read
 * differently.
 */
public final class OrgIds {
    public static final String PATTERN_TEXT = "[a-z0-9](?:-?[a-z0-9]){0,62}";
    private static final Pattern PATTERN = Pattern.compile(PATTERN_TEXT);

    private OrgIds() {}

    public static boolean isValid(String orgId) {
        return orgId != null && PATTERN.matcher(orgId).matches();
    }

    /**
     * Null when valid, else a message for a status or dead letter that says what an org id may be.
     */
    public static String problem(String orgId) {
        if (orgId == null || orgId.isEmpty()) {
            return "org id missing";
        }
        if (isValid(orgId)) {
            return null;
        }
        return "invalid org id '"
                + printable(orgId)
                + "': lower-case letters, digits and single inner hyphens, "
                + "at most 63 characters";
    }

    /**
     * The org's environment-variable namespace, e.g. {@code COACH_ORG_ACME_CORP__} for {@code
     * acme-corp}. Injective and prefix-free over valid ids: ids never hold "--" or end in "-", so
     * the encoded id never holds "__" and the "__" terminator cannot appear inside another org's
     * namespace; {@code acme}'s namespace ({@code COACH_ORG_ACME__}) is not a prefix of {@code
     * acme-corp}'s.
     */
    public static String envNamespace(String orgId) {
        requireValid(orgId);
        return "COACH_ORG_" + orgId.toUpperCase(Locale.ROOT).replace('-', '_') + "__";
    }

    /** The org's folder under a secrets root ({@code orgs/<org>/}) or a Secrets Manager prefix. */
    public static String pathNamespace(String prefix, String orgId) {
        requireValid(orgId);
        return prefix + orgId + "/";
    }

    private static void requireValid(String orgId) {
        if (!isValid(orgId)) {
            throw new IllegalArgumentException(problem(orgId));
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
