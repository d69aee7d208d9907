package io.securitycoach.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One JSON value per line or record: Jackson's {@code readTree} stops after the first value, so
 * {@code {"a":1}{"b":2}} or {@code {"a":1} junk} would silently lose the rest. Here anything but
 * whitespace after the value is an error of its own kind, so callers can name it.
 */
public final class JsonLines {
    private JsonLines() {}

    /** Something other than whitespace follows the first JSON value. */
    public static final class TrailingContentException extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        TrailingContentException(String message) {
            super(message);
        }
    }

    /**
     * The one JSON value of {@code text} (null for blank text).
     *
     * @throws TrailingContentException when more than whitespace follows it
     * @throws JsonProcessingException when the value itself is not JSON
     */
    public static JsonNode readOne(ObjectMapper mapper, String text)
            throws JsonProcessingException {
        try (JsonParser parser = mapper.createParser(text)) {
            return readOne(mapper, parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory input does no I/O
        }
    }

    /** The same for raw bytes (UTF-8, as Kinesis records are). */
    public static JsonNode readOne(ObjectMapper mapper, byte[] utf8)
            throws JsonProcessingException {
        try (JsonParser parser = mapper.createParser(utf8)) {
            return readOne(mapper, parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same with a reader made once for {@code JsonNode} ({@code
     * mapper.readerFor(JsonNode.class)}): it keeps its deserializer, which a mapper looks up on
     * every read.
     */
    public static JsonNode readOne(ObjectReader treeReader, String text)
            throws JsonProcessingException {
        try (JsonParser parser = treeReader.createParser(text)) {
            return whole(treeReader.readTree(parser), parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory input does no I/O
        }
    }

    private static JsonNode readOne(ObjectMapper mapper, JsonParser parser) throws IOException {
        return whole(mapper.readTree(parser), parser);
    }

    /** The value, if nothing but whitespace follows it. */
    private static JsonNode whole(JsonNode value, JsonParser parser) throws IOException {
        if (value != null && hasMore(parser)) {
            JsonLocation at = parser.currentTokenLocation();
            throw new TrailingContentException(
                    "more than one JSON value: content follows the first one at line "
                            + at.getLineNr()
                            + ", column "
                            + at.getColumnNr());
        }
        return value;
    }

    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException garbage) {
            return true; // not even a token: trailing garbage
        }
    }
}
