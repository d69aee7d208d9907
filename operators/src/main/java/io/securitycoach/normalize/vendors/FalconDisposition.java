package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.util.Locale;

/**
 * Whether Falcon stopped what it detected, from the disposition flags CrowdStrike documents ({@code
 * PatternDispositionFlags} on streaming detections, a JSON text of them from some collectors,
 * {@code pattern_disposition_details} in snake case on Alerts API v2), not from a key's presence.
 * Detect-only is never {@code blocked}: {@code PolicyDisabled} or {@code
 * BlockingUnsupportedOrDisabled} ("would have been blocked if the prevention policy setting was
 * enabled") and {@code KillActionFailed} are {@code allowed} whatever else is set. A prevention
 * flag ({@code KillProcess}, {@code QuarantineFile}, {@code ProcessBlocked}, ...) is {@code
 * blocked}; flags that are all false are a detection without action, {@code allowed}. A response
 * whose effect the flags do not tell ({@code MfaRequired}: the access was challenged, the answer is
 * not in the record; {@code ResponseActionTriggered} and {@code ResponseActionAlreadyApplied}: a
 * response action ran, which one is not said) makes the verdict {@code unknown} unless a prevention
 * flag is set. Without flags, the description's leading word ({@code Prevention, ...} or {@code
 * Detection, ...}) says it; else {@code unknown}. The 28 flags of Alerts API v2's {@code
 * pattern_disposition_details} are all read; the {@code pattern_disposition} number is not (its bit
 * values are not documented publicly).
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
        "HandleOperationDowngraded",
        "BlockExecution",
        "ContainmentFileSystem"
    };

    /** Flags of a response whose effect on the activity the record does not tell. */
    private static final String[] EFFECT_UNTOLD = {
        "MfaRequired", "ResponseActionTriggered", "ResponseActionAlreadyApplied"
    };

    /** Flags that mean prevention was not applied, whatever else is set. */
    private static final String[] NOT_APPLIED = {
        "PolicyDisabled", "BlockingUnsupportedOrDisabled", "KillActionFailed"
    };

    /** Flags that only describe the detection. */
    private static final String[] DETECTION_ONLY = {
        "Indicator",
        "Detect",
        "InddetMask",
        "SensorOnly",
        "Rooting",
        "CriticalProcessDisabled",
        "BootupSafeguardEnabled",
        "PreventionProvisioningEnabled",
        "ResponseActionFailed"
    };

    private FalconDisposition() {}

    /** blocked, allowed or unknown. */
    static String action(JsonNode event) {
        String description =
                first(event, "PatternDispositionDescription", "pattern_disposition_description");
        if (detectOnlyWords(description)) {
            return "allowed";
        }
        String fromFlags = fromFlags(flags(event));
        if (fromFlags != null) {
            return fromFlags;
        }
        if (description.startsWith("Prevention")) {
            return "blocked";
        }
        return description.startsWith("Detection") ? "allowed" : "unknown";
    }

    /**
     * "Detection, process would have been blocked if the related prevention policy ... enabled".
     */
    private static boolean detectOnlyWords(String description) {
        String d = description.toLowerCase(Locale.ROOT);
        return d.contains("would have been") || d.contains("if the related prevention");
    }

    /** blocked / allowed when the flags say, null when there are none that are known. */
    private static String fromFlags(JsonNode flags) {
        if (!flags.isObject()) {
            return null;
        }
        boolean known = false;
        boolean stopped = false;
        for (String flag : NOT_APPLIED) {
            JsonNode value = flag(flags, flag);
            known |= value.isBoolean() || value.isTextual();
            if (value.asBoolean(false)) {
                return "allowed";
            }
        }
        for (String flag : PREVENTED) {
            JsonNode value = flag(flags, flag);
            known |= value.isBoolean() || value.isTextual();
            stopped |= value.asBoolean(false);
        }
        if (stopped) {
            return "blocked";
        }
        for (String flag : EFFECT_UNTOLD) {
            if (flag(flags, flag).asBoolean(false)) {
                return "unknown";
            }
            known |= !flag(flags, flag).isMissingNode();
        }
        for (String flag : DETECTION_ONLY) {
            known |= !flag(flags, flag).isMissingNode();
        }
        return known ? "allowed" : null;
    }

    /** The flags object: streaming's, a collector's JSON text of it, or Alerts API v2's. */
    private static JsonNode flags(JsonNode event) {
        JsonNode flags = event.path("PatternDispositionFlags");
        if (flags.isTextual() && flags.asText().trim().startsWith("{")) {
            try {
                return Json.mapper().readTree(flags.asText());
            } catch (IOException e) {
                return flags; // not JSON: no flags, the description decides
            }
        }
        return flags.isObject() ? flags : event.path("pattern_disposition_details");
    }

    /** {@code KillProcess}, or Alerts API v2's {@code kill_process}. */
    private static JsonNode flag(JsonNode flags, String camel) {
        JsonNode value = flags.get(camel);
        return value != null ? value : flags.path(snake(camel));
    }

    static String snake(String camel) {
        StringBuilder s = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                s.append('_');
            }
            s.append(Character.toLowerCase(c));
        }
        return s.toString();
    }

    private static String first(JsonNode event, String a, String b) {
        String value = event.path(a).asText("");
        return value.isEmpty() ? event.path(b).asText("") : value;
    }
}
