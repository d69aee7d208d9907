package io.securitycoach.control;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlRequest;

/** The request a control message makes, by what its type is about. */
public final class ControlRequests {
    private ControlRequests() {}

    public static ControlRequest of(ControlMessage msg, long now) {
        String type = msg.type == null ? "" : msg.type;
        switch (type) {
            case ControlMessage.PARSER_UPSERT:
            case ControlMessage.PARSER_DELETE:
                return ControlRequest.parser(msg.orgId, msg.ruleId, msg.version, msg.source, now);
            case ControlMessage.ORG_SETTINGS:
                return ControlRequest.settings(msg.orgId, msg.version, msg.source, now);
            default:
                return ControlRequest.rule(msg.orgId, msg.ruleId, msg.version, msg.source, now);
        }
    }
}
