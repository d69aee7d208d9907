package io.securitycoach.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads the envelope our ingestion side writes around a vendor record on a shared stream or prefix:
 * exactly {@code {"org_id": "...", "vendor": "...", "record": ...}}. The record is an object or
 * array (one record or page, kept as the exact text it was written with, so its hashed uid is the
 * same as on a per-org stream) or a string (a pushed batch: one record per line). An Amazon
 * EventBridge event as the record is opened to its {@code detail}, the vendor's own event (Okta Log
 * Streaming delivers through EventBridge). One pass over the text with Jackson's streaming parser;
 * nothing in the record is read except the EventBridge keys at its top level.
 */
public final class EnvelopeReader {
    /** A vendor name: a letter or digit, then letters, digits, _ . - (never . or ..). */
    static final Pattern VENDOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private static final int MAX_ORG_CHARS = 128;
    private static final JsonFactory JSON = new JsonFactory();

    private EnvelopeReader() {}

    /** What an envelope holds. */
    public static final class Envelope {
        public final String orgId;
        public final String vendor;

        /** The record's text: one JSON value, or (for a batch) lines of them. */
        public final String record;

        /** The record was a string: a pushed batch of JSON lines. */
        public final boolean batch;

        Envelope(String orgId, String vendor, String record, boolean batch) {
            this.orgId = orgId;
            this.vendor = vendor;
            this.record = record;
            this.batch = batch;
        }
    }

    /** An envelope that cannot be read, with what is wrong. */
    public static final class InvalidEnvelope extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidEnvelope(String message) {
            super(message, null, false, false);
        }
    }

    public static Envelope read(String text) throws InvalidEnvelope {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidEnvelope("an envelope is a JSON object");
            }
            Envelope envelope = fields(p, text);
            if (p.nextToken() != null) {
                throw new InvalidEnvelope("something follows the envelope's JSON object");
            }
            return envelope;
        } catch (JsonProcessingException e) {
            throw new InvalidEnvelope("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEnvelope("unreadable: " + e.getMessage());
        }
    }

    private static Envelope fields(JsonParser p, String text) throws IOException, InvalidEnvelope {
        String org = null;
        String vendor = null;
        String record = null;
        boolean batch = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (("org_id".equals(name) && org != null)
                    || ("vendor".equals(name) && vendor != null)
                    || ("record".equals(name) && record != null)) {
                throw new InvalidEnvelope(name + " appears twice");
            }
            if ("org_id".equals(name)) {
                org = text(p, value, name);
            } else if ("vendor".equals(name)) {
                vendor = text(p, value, name);
            } else if ("record".equals(name)) {
                batch = value == JsonToken.VALUE_STRING;
                record = batch ? p.getText() : recordText(p, value, text);
            } else {
                throw new InvalidEnvelope(
                        "unknown key '" + cut(name) + "' (an envelope has org_id, vendor, record)");
            }
        }
        if (org == null || vendor == null || record == null) {
            throw new InvalidEnvelope("an envelope needs org_id, vendor and record");
        }
        if (org.length() > MAX_ORG_CHARS) {
            throw new InvalidEnvelope("org_id is longer than " + MAX_ORG_CHARS + " characters");
        }
        if (!VENDOR.matcher(vendor).matches()) {
            throw new InvalidEnvelope(
                    "vendor '" + cut(vendor) + "' is not a vendor name (letters, digits, _ . -)");
        }
        return new Envelope(org, vendor, record, batch);
    }

    private static String text(JsonParser p, JsonToken value, String name)
            throws IOException, InvalidEnvelope {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidEnvelope(name + " must be a string");
        }
        return p.getText();
    }

    /**
     * The record object or array as written, or an EventBridge event's {@code detail}; the parser
     * is left on the record's last token.
     */
    private static String recordText(JsonParser p, JsonToken value, String text)
            throws IOException, InvalidEnvelope {
        int start = (int) p.currentTokenLocation().getCharOffset();
        if (value == JsonToken.START_ARRAY) {
            p.skipChildren();
            return text.substring(start, end(p));
        }
        if (value != JsonToken.START_OBJECT) {
            throw new InvalidEnvelope("record must be a JSON object, array or string");
        }
        EventBridgeKeys keys = new EventBridgeKeys();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            keys.note(p, text);
        }
        return keys.isEvent() ? keys.detail : text.substring(start, end(p));
    }

    private static int end(JsonParser p) {
        return (int) p.currentTokenLocation().getCharOffset() + 1;
    }

    /**
     * The top-level keys by which an EventBridge event is known: {@code detail-type}, {@code
     * source} and an object {@code detail} (the partner's own event).
     */
    private static final class EventBridgeKeys {
        boolean detailType;
        boolean source;
        String detail;

        void note(JsonParser p, String text) throws IOException {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("detail".equals(name) && value == JsonToken.START_OBJECT) {
                int start = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                detail = text.substring(start, end(p));
                return;
            }
            detailType |= "detail-type".equals(name) && value == JsonToken.VALUE_STRING;
            source |= "source".equals(name) && value == JsonToken.VALUE_STRING;
            p.skipChildren();
        }

        boolean isEvent() {
            return detailType && source && detail != null;
        }
    }

    /** A customer-influenced value in a message: bounded. */
    static String cut(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
