package io.securitycoach.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.schema.Json;

/**
 * Whether a vendor record kept in the audit (a raw record's payload, a dead letter's raw text) is
 * the one an event id names: exactly, never by substring.
 */
final class RecordIds {
    /** How deep a record's JSON is searched for the id: vendor ids sit near the top. */
    private static final int MAX_DEPTH = 8;

    private RecordIds() {}

    /**
     * True when a string or number of the record equals {@code eventUid} (the vendor's own id), or
     * {@code eventUid} is the hash the normalizer gives the record's text when it has no id ({@code
     * <vendor>:<hash>}, with {@code :<n>} for one of several events of a record).
     */
    static boolean names(JsonNode text, String eventUid) {
        if (!text.isTextual() || text.asText().isEmpty() || eventUid.isEmpty()) {
            return false;
        }
        String record = text.asText();
        if (isHashOf(record, eventUid)) {
            return true;
        }
        try {
            return holds(Json.mapper().readTree(record), eventUid, 0);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static boolean isHashOf(String record, String eventUid) {
        int colon = eventUid.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String hashed = EventNormalizer.hashedUid(eventUid.substring(0, colon), record);
        return eventUid.equals(hashed) || eventUid.startsWith(hashed + ":");
    }

    private static boolean holds(JsonNode node, String eventUid, int depth) {
        if (node == null || depth > MAX_DEPTH) {
            return false;
        }
        if (node.isValueNode()) {
            return !node.isNull() && eventUid.equals(node.asText());
        }
        for (JsonNode child : node) {
            if (holds(child, eventUid, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
