package io.securitycoach.soak;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.Json;

/**
 * Rule changes that flow on the control stream during the soak without changing what is detected: a
 * canary rule per org that no event matches, upserted, disabled, enabled, staged and promoted in
 * turn. They exercise the control path (broadcast state through restores and rescaling) while the
 * detections stay comparable with a reference run that never saw them.
 */
final class ControlChanges {
    private static final String[] CYCLE = {
        ControlMessage.RULE_UPSERT,
        ControlMessage.RULE_DISABLE,
        ControlMessage.RULE_ENABLE,
        ControlMessage.RULE_STAGE,
        ControlMessage.RULE_PROMOTE
    };

    private ControlChanges() {}

    /** Change {@code n} (from 0) for {@code org}: version n + 1 of the canary rule. */
    static String change(String org, long n) {
        String type = CYCLE[(int) (n % CYCLE.length)];
        long version = n + 1;
        if (ControlMessage.RULE_UPSERT.equals(type)) {
            String rule =
                    "id: soak-canary\norg: "
                            + org
                            + "\nversion: "
                            + version
                            + "\n"
                            + "description: Never matches.\n"
                            + "severity: low\n"
                            + "when: event.class == \"web\" && event.message =="
                            + " \"soak-canary-never\"\n"
                            + "coach:\n"
                            + "  module: acceptable-use-101\n"
                            + "  channels: [\"slack\"]\n"
                            + "  message: \"never sent\"\n";
            ControlMessage m = ControlMessage.upsert(rule, "soak");
            m.orgId = org;
            return Json.write(m);
        }
        return Json.write(ControlMessage.change(type, org, "soak-canary", version, "soak"));
    }
}
