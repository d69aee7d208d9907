package io.securitycoach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.io.SharedChannel;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.OrgIds;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.lang3.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The push-vendor templates (deploy/push-vendors/; cfn-lint checks their syntax in the build): each
 * binds the org to the channel from the operator's own parameter, and writes what the job's
 * shared-channel reader takes.
 */
class PushVendorTemplatesTest {
    private static final Path DIR =
            Paths.get(System.getProperty("coach.home", ".."), "deploy/push-vendors");

    private static final String OKTA_EVENT =
            "{\"uuid\": \"9d2e7c10-1111-4a4a-9b9b-000000000001\", \"published\":"
                    + " \"2026-11-20T08:01:20.049Z\", \"eventType\":"
                    + " \"user.mfa.okta_verify.deny_push\", \"actor\": {\"type\": \"User\","
                    + " \"alternateId\": \"rin.tanaka@initech.example\"}, \"outcome\": {\"result\":"
                    + " \"FAILURE\"}}";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "zscaler-nss-api-gateway.yaml",
                "okta-eventbridge.yaml",
                "netskope-s3-org.yaml"
            })
    void eachTemplateTakesTheOrgIdTheJobAccepts(String file) throws IOException {
        Pattern allowed =
                Pattern.compile(
                        (String) map(load(file), "Parameters", "OrgId").get("AllowedPattern"));
        for (String id :
                List.of(
                        "acme",
                        "org-001",
                        "a",
                        "Acme",
                        "acme-",
                        "-acme",
                        "a--b",
                        "a_b",
                        "x".repeat(64))) {
            assertThat(allowed.matcher(id).matches()).as(id).isEqualTo(OrgIds.isValid(id));
        }
    }

    @Test
    void oktaEventsAreWrappedInTheEnvelopeOfTheStacksOrgAndOpenedToTheLogEvent()
            throws IOException {
        Map<String, Object> target =
                (Map<String, Object>)
                        ((List<?>)
                                        map(
                                                        load("okta-eventbridge.yaml"),
                                                        "Resources",
                                                        "ToSharedStream",
                                                        "Properties")
                                                .get("Targets"))
                                .get(0);
        String template =
                (String)
                        ((Map<?, ?>)
                                        ((Map<?, ?>) target.get("InputTransformer"))
                                                .get("InputTemplate"))
                                .get("Fn::Sub");
        String event =
                "{\"version\": \"0\", \"id\": \"1f7c9a52-2222-4b4b-8c8c-000000000002\","
                        + " \"detail-type\": \"SystemLog\", \"source\":"
                        + " \"aws.partner/okta.com/initech-example/coach\", \"account\":"
                        + " \"123456789012\", \"time\": \"2026-11-20T08:01:21Z\", \"region\":"
                        + " \"eu-west-1\", \"resources\": [], \"detail\": "
                        + OKTA_EVENT
                        + "}";
        String envelope =
                template.replace("${OrgId}", "initech").replace("<aws.events.event.json>", event);

        List<RawEvent> opened = new SharedChannel(null).open(envelope, "kinesis:s/0/1", 0);

        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).orgId).isEqualTo("initech");
        assertThat(opened.get(0).vendor).isEqualTo("okta");
        assertThat(opened.get(0).payload).isEqualTo(OKTA_EVENT);
        assertThat(new EventNormalizer().normalize(opened.get(0), 1_800_000_000_000L).event)
                .isNotNull()
                .satisfies(e -> assertThat(e.actorEmail).isEqualTo("rin.tanaka@initech.example"));
    }

    @Test
    void zscalerPushesTakeTheOrgFromTheStageNeverFromTheRequest() throws IOException {
        Map<String, Object> t = load("zscaler-nss-api-gateway.yaml");
        Map<String, Object> integration =
                map(t, "Resources", "PushMethod", "Properties", "Integration");
        String vtl =
                (String) ((Map<?, ?>) integration.get("RequestTemplates")).get("application/json");
        assertThat(vtl)
                .contains("${q}org_id${q}:${q}$stageVariables.orgId${q}")
                .contains("${q}vendor${q}:${q}zscaler${q}")
                .contains("$util.escapeJavaScript($input.body)")
                .doesNotContain("$input.path", "$input.json", "$input.params", "$method.request");
        assertThat(map(t, "Resources", "Stage", "Properties", "Variables").get("orgId"))
                .isEqualTo(Map.of("Ref", "OrgId"));
        assertThat(map(t, "Resources", "PushMethod", "Properties").get("ApiKeyRequired"))
                .isEqualTo(true);
    }

    /** What API Gateway's mapping templates call on {@code $util}. */
    public static final class GatewayUtil {
        public String escapeJavaScript(String s) {
            return StringEscapeUtils.escapeEcmaScript(s);
        }

        public String base64Encode(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPushedBatchBecomesOneEnvelopeTheJobSplitsIntoItsLines() throws IOException {
        Map<String, Object> integration =
                map(
                        load("zscaler-nss-api-gateway.yaml"),
                        "Resources",
                        "PushMethod",
                        "Properties",
                        "Integration");
        String vtl =
                (String) ((Map<?, ?>) integration.get("RequestTemplates")).get("application/json");
        List<String> batch =
                List.of(
                        "{\"sourcetype\": \"zscalernss-web\", \"event\": {\"user\":"
                                + " \"o'brien@acme.example\", \"url\":"
                                + " \"https://x.example/a\\\\b?q=\\\"1\\\"\", \"dept\": \"Vertrieb"
                                + " \u00e4\"}}",
                        "{\"sourcetype\": \"zscalernss-web\", \"event\": {\"user\":"
                                + " \"ana@acme.example\"}}");
        VelocityContext context = new VelocityContext();
        context.put("input", Map.of("body", String.join("\n", batch) + "\n"));
        context.put("stageVariables", Map.of("orgId", "acme", "stream", "coach-events-shared"));
        context.put("context", Map.of("requestId", "r-1"));
        context.put("util", new GatewayUtil());
        StringWriter rendered = new StringWriter();
        new VelocityEngine().evaluate(context, rendered, "mapping-template", vtl);

        JsonNode request = Json.mapper().readTree(rendered.toString());
        assertThat(request.path("StreamName").asText()).isEqualTo("coach-events-shared");
        String envelope =
                new String(
                        Base64.getDecoder().decode(request.path("Data").asText()),
                        StandardCharsets.UTF_8);
        List<RawEvent> opened = new SharedChannel(null).open(envelope, "api:r-1", 0);
        assertThat(opened).extracting(r -> r.payload).containsExactlyElementsOf(batch);
        assertThat(opened).extracting(r -> r.orgId + "/" + r.vendor).containsOnly("acme/zscaler");
    }

    @Test
    void aNetskopeTenantsRoleWritesOnlyItsOrgsFolder() throws IOException {
        Map<String, Object> role =
                map(load("netskope-s3-org.yaml"), "Resources", "WriterRole", "Properties");
        List<?> statements =
                (List<?>)
                        map(
                                        (Map<String, Object>)
                                                ((List<?>) role.get("Policies")).get(0),
                                        "PolicyDocument")
                                .get("Statement");
        assertThat(((Map<?, ?>) statements.get(0)).get("Resource"))
                .isEqualTo(
                        Map.of(
                                "Fn::Sub",
                                "arn:${AWS::Partition}:s3:::${LandingBucket}/${OrgId}/*"));
        assertThat(role.get("AssumeRolePolicyDocument").toString()).contains("sts:ExternalId");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> node, String... path) {
        Object at = node;
        for (String key : path) {
            at = ((Map<String, Object>) at).get(key);
        }
        return (Map<String, Object>) at;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String file) throws IOException {
        return (Map<String, Object>)
                new Yaml(new Intrinsics()).load(Files.readString(DIR.resolve(file)));
    }

    /** The short-form functions these templates use, as their long forms. */
    private static final class Intrinsics extends Constructor {
        Intrinsics() {
            super(new LoaderOptions());
            for (String fn : List.of("Ref", "Sub", "GetAtt", "Join")) {
                yamlConstructors.put(
                        new Tag("!" + fn), new LongForm(fn.equals("Ref") ? fn : "Fn::" + fn));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String name;

            LongForm(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(
                        name,
                        node instanceof ScalarNode
                                ? ((ScalarNode) node).getValue()
                                : constructSequence((SequenceNode) node));
            }
        }
    }
}
