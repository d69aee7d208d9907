package io.securitycoach.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places problems found in a parsed YAML/JSON tree at their line:column in its text. Jackson's tree
 * keeps no positions, so the text is read a second time as tokens, only when there are problems to
 * place. A path the text lacks (a missing key) is placed where its closest parent is.
 */
public final class TextPlaces {
    private static final YAMLFactory YAML = new YAMLFactory();

    private TextPlaces() {}

    /**
     * Each problem named as in {@code source} and, when the text has its path or a parent of it,
     * placed there.
     */
    public static List<Problem> place(List<Problem> problems, String text, String source) {
        Map<String, JsonLocation> at = locations(text);
        List<Problem> placed = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            JsonLocation loc = p.path == null ? null : nearest(at, p.path);
            placed.add(
                    loc == null
                            ? p.in(source)
                            : p.in(source).locatedAt(loc.getLineNr(), loc.getColumnNr()));
        }
        return placed;
    }

    /** The place of a path, else of its closest parent that is in the text. */
    private static JsonLocation nearest(Map<String, JsonLocation> at, String path) {
        String p = path;
        while (!p.isEmpty()) {
            JsonLocation loc = at.get(p);
            if (loc != null) {
                return loc;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return null;
    }

    /**
     * Every key and list element of the text by its path ({@code a.b[2].c}), at the token that
     * starts it.
     */
    static Map<String, JsonLocation> locations(String text) {
        Map<String, JsonLocation> at = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonStreamContext ctx = p.getParsingContext();
                if (t == JsonToken.FIELD_NAME) {
                    at.putIfAbsent(pathOf(ctx), p.currentTokenLocation());
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (ctx.getParent() != null && ctx.getParent().inArray()) {
                        at.putIfAbsent(pathOf(ctx.getParent()), p.currentTokenLocation());
                    }
                } else if (ctx.inArray()) {
                    at.putIfAbsent(pathOf(ctx), p.currentTokenLocation());
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // places found so far still help; the text's own syntax error is reported by its reader
        }
        return at;
    }

    private static String pathOf(JsonStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        StringBuilder path = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            String part = parts.get(i);
            if (path.length() > 0 && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }
}
