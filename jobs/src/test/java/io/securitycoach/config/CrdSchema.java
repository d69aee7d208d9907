package io.securitycoach.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A custom resource checked against its CustomResourceDefinition the way the API server checks it
 * with strict field validation: types, enums, required fields, int-or-string, and unknown fields
 * rejected (the operator's CRDs never preserve unknown fields). The CRDs come from the operator's
 * own API jar (test dependency), so nothing is downloaded.
 */
final class CrdSchema {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final JsonNode schema;

    private CrdSchema(JsonNode schema) {
        this.schema = schema;
    }

    /**
     * The schema of {@code version} in a CRD on the classpath
     * (META-INF/fabric8/<plural>.<group>-v1.yml).
     */
    static CrdSchema fromResource(String resource, String version) throws IOException {
        try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no CRD " + resource + " on the test classpath");
            }
            for (JsonNode v : YAML.readTree(in).path("spec").path("versions")) {
                if (v.path("name").asText().equals(version)) {
                    return new CrdSchema(v.path("schema").path("openAPIV3Schema"));
                }
            }
            throw new IOException(resource + " has no version " + version);
        }
    }

    JsonNode at(String... path) {
        JsonNode node = schema;
        for (String p : path) {
            node = node.path("properties").path(p);
        }
        return node;
    }

    /** Every violation, as path: problem; empty when the resource is valid. */
    List<String> violations(JsonNode resource) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!List.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
                check(
                        field.getValue(),
                        schema.path("properties").path(field.getKey()),
                        field.getKey(),
                        out);
            }
        }
        return out;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> out) {
        if (schema.isMissingNode()) {
            out.add(path + ": unknown field");
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            out.add(path + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                out.add(path + ": expected an integer or a string");
            }
            return;
        }
        String type = schema.path("type").asText();
        if (!hasType(value, type)) {
            out.add(
                    path
                            + ": expected "
                            + type
                            + ", got "
                            + value.getNodeType().name().toLowerCase());
        } else if (type.equals("object")) {
            checkObject(value, schema, path, out);
        } else if (type.equals("array")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.path("items"), path + "[" + i + "]", out);
            }
        }
    }

    private static void checkObject(
            JsonNode value, JsonNode schema, String path, List<String> out) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                out.add(path + "." + required.asText() + ": required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode fieldSchema =
                    schema.has("additionalProperties")
                            ? schema.get("additionalProperties")
                            : schema.path("properties").path(field.getKey());
            check(field.getValue(), fieldSchema, path + "." + field.getKey(), out);
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        switch (type) {
            case "object":
                return value.isObject();
            case "array":
                return value.isArray();
            case "string":
                return value.isTextual();
            case "integer":
                return value.isIntegralNumber();
            case "number":
                return value.isNumber();
            case "boolean":
                return value.isBoolean();
            default:
                return true;
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
