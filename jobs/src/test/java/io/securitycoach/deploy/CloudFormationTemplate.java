package io.securitycoach.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation template read the way CloudFormation reads it, for tests: the short-form
 * intrinsic functions ({@code !Ref}, {@code !Sub}, {@code !GetAtt}) become their long forms, and
 * {@link #resolve} evaluates them with the parameters' defaults, given values and sample pseudo
 * parameters (region eu-west-1, account 123456789012).
 */
final class CloudFormationTemplate {
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";
    private static final Pattern SUB = Pattern.compile("\\$\\{([A-Za-z0-9:._]+)}");

    final Map<String, Object> root;
    private final Map<String, String> values = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    CloudFormationTemplate(Path file, Map<String, String> parameters) throws IOException {
        root = (Map<String, Object>) new Yaml(new ShortForms()).load(Files.readString(file));
        values.put("AWS::Region", REGION);
        values.put("AWS::AccountId", ACCOUNT);
        values.put("AWS::Partition", "aws");
        // Ref of a resource: its logical name stands for the physical one.
        map(root, "Resources").keySet().forEach(resource -> values.put(resource, resource));
        map(root, "Parameters")
                .forEach(
                        (name, spec) -> {
                            Object fallback = ((Map<String, Object>) spec).get("Default");
                            values.put(
                                    name,
                                    parameters.getOrDefault(
                                            name,
                                            fallback == null ? null : String.valueOf(fallback)));
                        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object at = node;
        for (String key : path) {
            at = ((Map<String, Object>) at).get(key);
        }
        return (Map<String, Object>) at;
    }

    /** The node with every Ref, Sub and GetAtt replaced by its value (GetAtt by a made-up ARN). */
    @SuppressWarnings("unchecked")
    Object resolve(Object node) {
        if (node instanceof Map && ((Map<?, ?>) node).size() == 1) {
            Map.Entry<String, Object> fn =
                    ((Map<String, Object>) node).entrySet().iterator().next();
            switch (fn.getKey()) {
                case "Ref":
                    return value((String) fn.getValue());
                case "Fn::Sub":
                    return substitute((String) fn.getValue());
                case "Fn::GetAtt":
                    return "arn:aws:getatt:::" + fn.getValue();
                default:
                    break;
            }
        }
        if (node instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) node).forEach((k, v) -> out.put(k, resolve(v)));
            return out;
        }
        if (node instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<Object>) node).forEach(v -> out.add(resolve(v)));
            return out;
        }
        return node;
    }

    private String value(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "no value for " + name + " (a parameter without default needs one)");
        }
        return v;
    }

    private String substitute(String text) {
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    /** Reads the short forms of the functions this project's templates use. */
    private static final class ShortForms extends Constructor {
        ShortForms() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Sub"), new LongForm("Fn::Sub"));
            yamlConstructors.put(new Tag("!GetAtt"), new LongForm("Fn::GetAtt"));
        }
    }

    /** {@code !Tag scalar} as {@code {LongName: scalar}}. */
    private static final class LongForm extends AbstractConstruct {
        private final String name;

        LongForm(String name) {
            this.name = name;
        }

        @Override
        public Object construct(Node node) {
            return Map.of(name, ((ScalarNode) node).getValue());
        }
    }
}
