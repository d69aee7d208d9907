package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether Falcon stopped what it detected, from the disposition flags ({@code
 * PatternDispositionFlags}), not from words in a sentence: "process would have been blocked if the
 * prevention policy setting was enabled" was allowed. Without flags, the description's leading word
 * ({@code Prevention, ...} or {@code Detection, ...}) says it.
 */
final class FalconDisposition {
    /** Flags that mean the activity was stopped. */
    private static final String[] PREVENTED = {
        "KillProcess",
        "KillSubProcess",
        "KillParent",
        "QuarantineFile",
        "QuarantineMachine",
        "OperationBlocked",
        "ProcessBlocked",
        "RegistryOperationBlocked",
        "FsOperationBlocked",
        "SuspendProcess",
        "SuspendParent",
        "BlockExecution"
    };

    private FalconDisposition() {}

    /** blocked, allowed or unknown. */
    static String action(JsonNode event) {
        JsonNode flags = event.path("PatternDispositionFlags");
        if (flags.isObject()) {
            boolean stopped = false;
            for (String flag : PREVENTED) {
                stopped |= flags.path(flag).asBoolean(false);
            }
            boolean failed = flags.path("KillActionFailed").asBoolean(false);
            return stopped && !failed ? "blocked" : "allowed";
        }
        String description = event.path("PatternDispositionDescription").asText("");
        if (description.startsWith("Prevention")) {
            return "blocked";
        }
        return description.startsWith("Detection") ? "allowed" : "unknown";
    }
}
