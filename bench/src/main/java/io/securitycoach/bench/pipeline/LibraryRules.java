package io.securitycoach.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The workload's rules: each org gets rules from rules-library/ (plain, threshold, distinct count,
 * sequence, scoped; all suppressed), rewritten for the org. Past the ten kinds, further rules are
 * copies of a kind with an extra condition no event meets: more rules to consult, same detections.
 */
public final class LibraryRules {
    /** The ten kinds, in the order an org gets them. */
    static final List<String> KINDS =
            List.of(
                    "gambling-site",
                    "adult-content",
                    "malware-download-blocked",
                    "many-blocked-sites",
                    "mfa-push-fatigue",
                    "phishing-link-clicked",
                    "edr-credential-access",
                    "personal-cloud-upload-dlp",
                    "new-domain-after-email-click",
                    "unsanctioned-file-sharing");

    private LibraryRules() {}

    /** Writes each org's rules under {@code out/<org>/}; returns the folder. */
    public static Path write(Path library, Workload w, Path out) throws IOException {
        for (int o = 0; o < w.orgs; o++) {
            String org = "org-" + o;
            Path dir = Files.createDirectories(out.resolve(org));
            for (int r = 0; r < w.rulesOf(o); r++) {
                String kind = KINDS.get(r % KINDS.size());
                String text =
                        Files.readString(
                                library.resolve(kind).resolve("rule.yaml"), StandardCharsets.UTF_8);
                Files.writeString(
                        dir.resolve(kind + "-" + r + ".yaml"),
                        rewrite(text, org, kind, r / KINDS.size()),
                        StandardCharsets.UTF_8);
            }
        }
        return out;
    }

    static String rewrite(String rule, String org, String kind, int copy) {
        String out = rule.replaceFirst("(?m)^org: .*$", "org: " + org);
        if (copy == 0) {
            return out;
        }
        out = out.replaceFirst("(?m)^id: .*$", "id: " + kind + "-copy-" + copy);
        return out.replaceFirst(
                "(?m)^when: (.*)$", "when: ($1) && event.message == \"never-" + copy + "\"");
    }
}
