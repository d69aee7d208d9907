package io.securitycoach.control;

import io.securitycoach.records.ControlMessage;
import java.util.List;

/** One valid message of each control type, as its sender would write it (tests). */
final class ControlSamples {
    static final String RULE =
            "id: sites\n"
                    + "org: acme\n"
                    + "version: 2\n"
                    + "when: 'true'\n"
                    + "coach: {module: m, channels: [slack]}\n";
    static final String PARSER =
            "parser: feed-x\norg: acme\nversion: 1\nclass: web\nfields:\n"
                    + "  event_time: {path: t}\n  actor: {path: u}\n";

    private ControlSamples() {}

    /** A message of {@code type} for acme; a new type fails here until it has a sample. */
    static ControlMessage of(ControlType type) {
        switch (type) {
            case RULE_UPSERT:
                return ControlMessage.upsert("acme", RULE, "api");
            case RULE_DELETE:
                return ControlMessage.delete("acme", "sites", 3, "api");
            case RULE_ENABLE:
            case RULE_DISABLE:
            case RULE_STAGE:
            case RULE_PROMOTE:
            case PARSER_DELETE:
                return ControlMessage.change(type.wireName, "acme", "sites", 4, "api");
            case INTEGRATION_UPSERT:
            case INTEGRATION_DELETE:
            case INTEGRATION_PAUSE:
            case INTEGRATION_RESUME:
                return ControlMessage.change(type.wireName, "acme", "okta", 2, "api");
            case PARSER_UPSERT:
                return ControlMessage.parserUpsert("acme", PARSER, "api");
            case ORG_SETTINGS:
                return ControlMessage.orgSettings("acme", 1, "{\"channels\": [\"slack\"]}", "api");
            case SNAPSHOT_END:
                return ControlMessage.snapshotEnd("operator");
            case UNREADABLE:
                return ControlMessage.unreadable("not JSON", "kinesis:x/1");
            case REFUSED:
                return ControlMessage.refused(
                        "acme", null, 0, List.of("a.yaml: not valid UTF-8"), "a.yaml");
            case ORG_SETTINGS_HANDOVER:
                return ControlMessage.settingsHandover("acme", 9, "{\"org_id\": \"acme\"}");
            case ORG_SETTINGS_HANDOVER_END:
                return ControlMessage.settingsHandoverEnd();
            default:
                throw new AssertionError("no sample of control type " + type + ": add one here");
        }
    }
}
