package io.securitycoach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.io.SharedChannel;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.OrgIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
