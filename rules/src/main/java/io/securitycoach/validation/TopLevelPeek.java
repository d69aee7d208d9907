package io.securitycoach.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The values of top-level keys of a YAML/JSON text even when the text is invalid, so a rejection
 * can still say which rule or parsing configuration it is about. Bounded like the readers
 * themselves.
 */
public final class TopLevelPeek {
    /** Rules and parsing configurations are both at most 64 KiB. */
    private static final int MAX_CHARS = 64 * 1024;

    private static final ObjectMapper YAML = boundedYaml();

    private TopLevelPeek() {}

    /**
     * The values of {@code keys} in order; null for any not present as a scalar, all null when
     * unreadable.
     */
    public static String[] values(String text, String... keys) {
        String[] values = new String[keys.length];
        try {
            JsonNode root = YAML.readTree(text);
            if (root != null && root.isObject()) {
                for (int i = 0; i < keys.length; i++) {
                    values[i] =
                            root.path(keys[i]).isValueNode() ? root.path(keys[i]).asText() : null;
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // unreadable: the rejection itself says why
        }
        return values;
    }

    private static ObjectMapper boundedYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowDuplicateKeys(false);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }
}
