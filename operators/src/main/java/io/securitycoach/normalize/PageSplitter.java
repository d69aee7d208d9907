package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An API page written as one line (a JSON array, Graph's {@code {"value": [...]}}, Netskope's
 * {@code {"result": [...]}} or {@code {"data": [...]}}, a whole Proofpoint {@code /v2/siem/all}
 * response, an Okta event hook delivery's {@code data.events}) to its records, in order. Only the
 * single JSON value of the line is looked at: an object is a page when every key is a page array or
 * page metadata, so no vendor record is mistaken for one.
 */
public final class PageSplitter {
    /** Arrays that hold the records of a page. */
    private static final Set<String> RECORD_ARRAYS =
            Set.of(
                    "value",
                    "result",
                    "data",
                    "resources",
                    "clicksPermitted",
                    "clicksBlocked",
                    "messagesDelivered",
                    "messagesBlocked");

    /**
     * Arrays whose name tells the record's meaning (Proofpoint TAP): kept on the record as {@code
     * feed}.
     */
    private static final Set<String> NAMED_ARRAYS =
            Set.of("clicksPermitted", "clicksBlocked", "messagesDelivered", "messagesBlocked");

    /** Keys a page has next to its records. */
    private static final Set<String> PAGE_METADATA =
            Set.of(
                    "queryEndTime",
                    "@odata.context",
                    "@odata.nextLink",
                    "@odata.count",
                    "ok",
                    "status",
                    "wait_time",
                    "timestamp_hwm",
                    "meta",
                    "errors",
                    "total",
                    "next",
                    "links");

    private PageSplitter() {}

    /** A record of a page and its position there (0-based, over all of the page's arrays). */
    public static final class Entry {
        public final JsonNode record;
        public final int position;

        Entry(JsonNode record, int position) {
            this.record = record;
            this.position = position;
        }
    }

    /** The records of a page, or null when the value is not a page (a single record). */
    public static List<Entry> split(JsonNode value) {
        if (value.isArray()) {
            List<Entry> entries = new ArrayList<>(value.size());
            for (JsonNode element : value) {
                entries.add(new Entry(element, entries.size()));
            }
            return entries;
        }
        if (isEventHookDelivery(value)) {
            return entries(value.path("data").path("events"));
        }
        if (!value.isObject() || !isPage(value)) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!RECORD_ARRAYS.contains(field.getKey()) || !field.getValue().isArray()) {
                continue;
            }
            for (JsonNode element : field.getValue()) {
                if (NAMED_ARRAYS.contains(field.getKey())
                        && element.isObject()
                        && !element.has("feed")) {
                    ((ObjectNode) element)
                            .put(
                                    "feed",
                                    field.getKey()); // the array's name is the record's meaning
                }
                entries.add(new Entry(element, entries.size()));
            }
        }
        return entries;
    }

    /**
     * An Okta event hook delivery: {@code {"eventType": "com.okta.event_hook", ..., "data":
     * {"events": [LogEvent, ...]}}}, the System Log events in a CloudEvents envelope.
     */
    private static boolean isEventHookDelivery(JsonNode value) {
        return value.isObject()
                && "com.okta.event_hook".equals(value.path("eventType").asText(""))
                && value.path("data").path("events").isArray();
    }

    private static List<Entry> entries(JsonNode array) {
        List<Entry> entries = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            entries.add(new Entry(element, entries.size()));
        }
        return entries;
    }

    private static boolean isPage(JsonNode object) {
        boolean records = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (RECORD_ARRAYS.contains(field.getKey()) && field.getValue().isArray()) {
                records = true;
            } else if (!PAGE_METADATA.contains(field.getKey())) {
                return false;
            }
        }
        return records;
    }
}
