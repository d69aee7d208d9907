package io.securitycoach.deploy;

import static io.securitycoach.deploy.CloudFormationTemplate.ACCOUNT;
import static io.securitycoach.deploy.CloudFormationTemplate.REGION;
import static io.securitycoach.deploy.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigLoader;
import io.securitycoach.jobs.wiring.SinkOptions;
import io.securitycoach.jobs.wiring.SourceOptions;
import io.securitycoach.jobs.wiring.kinesis.EventStreamTags;
import io.securitycoach.jobs.wiring.kinesis.KinesisOptions;
import io.securitycoach.notify.NotifyOptions;
import io.securitycoach.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/managed-flink/template.yaml (cfn-lint checks its shape in the build): the application runs
 * the Flink 1.20 runtime with the checkpointing the audit trail needs, the job accepts every
 * property it sets (under Managed Flink's rules), application_properties.json matches it, and the
 * role allows exactly what those properties need: reads on inputs, writes on outputs, the coach/
 * secrets, logs.
 */
class ManagedFlinkTemplateTest {
    private static final Path KIT =
            Path.of(System.getProperty("coach.home", "..")).resolve("deploy/managed-flink");
    private static final String DATA = "acme-coach-data";
    private static final Set<String> ACTIONS =
            Set.of(
                    "s3:GetObject",
                    "s3:GetObjectVersion",
                    "s3:ListBucket",
                    "s3:PutObject",
                    "s3:DeleteObject",
                    "s3:AbortMultipartUpload",
                    "s3:ListMultipartUploadParts",
                    "kinesis:DescribeStream",
                    "kinesis:DescribeStreamSummary",
                    "kinesis:ListShards",
                    "kinesis:GetShardIterator",
                    "kinesis:GetRecords",
                    "kinesis:PutRecord",
                    "kinesis:PutRecords",
                    "secretsmanager:GetSecretValue",
                    "logs:DescribeLogStreams",
                    "logs:PutLogEvents",
                    "logs:DescribeLogGroups",
                    "cloudwatch:PutMetricData");

    @TempDir Path dir;

    private Map<String, Object> application;
    private List<Map<String, Object>> statements;
    private CoachConfig config;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void readTemplate() throws Exception {
        CloudFormationTemplate template =
                new CloudFormationTemplate(
                        KIT.resolve("template.yaml"),
                        Map.of("CodeBucket", "acme-coach-code", "DataBucket", DATA));
        Map<String, Object> resources =
                (Map<String, Object>) template.resolve(template.root.get("Resources"));
        application = map(resources, "Application", "Properties");
        Map<String, Object> role = map(resources, "ServiceExecutionRole", "Properties");
        statements = new ArrayList<>();
        for (Object policy : (List<Object>) role.get("Policies")) {
            statements.addAll(
                    (List<Map<String, Object>>) map(policy, "PolicyDocument").get("Statement"));
        }
        Path properties = writeGroups(propertyGroups());
        config =
                ConfigLoader.load(
                        new String[] {"--managed-flink", "--config", properties.toString()});
    }

    @Test
    void runsFlink120WithTheCheckpointingTheAuditTrailNeeds() {
        assertThat(application.get("RuntimeEnvironment")).isEqualTo("FLINK-1_20");
        Map<String, Object> flink =
                map(application, "ApplicationConfiguration", "FlinkApplicationConfiguration");
        assertThat(map(flink, "CheckpointConfiguration"))
                .containsEntry("ConfigurationType", "CUSTOM")
                .containsEntry("CheckpointingEnabled", true)
                .containsEntry("CheckpointInterval", "10000");
        assertThat(map(flink, "ParallelismConfiguration"))
                .containsEntry("ConfigurationType", "CUSTOM")
                .containsKeys("Parallelism", "ParallelismPerKPU");
        assertThat(map(application, "ApplicationConfiguration", "ApplicationSnapshotConfiguration"))
                .containsEntry("SnapshotsEnabled", true);
    }

    @Test
    void everyPropertyIsOneTheJobAcceptsAndTheLocalFileMatches() throws Exception {
        assertThat(config.require(SinkOptions.AUDIT_PATH)).isEqualTo("s3://" + DATA + "/audit");
        assertThat(config.require(KinesisOptions.KINESIS_REGION)).isEqualTo(REGION);
        Path local = KIT.resolve("application_properties.json");
        CoachConfig localConfig =
                ConfigLoader.load(new String[] {"--managed-flink", "--config", local.toString()});
        assertThat(keys(localConfig.describe())).isEqualTo(keys(config.describe()));
    }

    @Test
    void onlyTheActionsTheJobNeedsAndNoWildcardResources() {
        Set<String> actions = new TreeSet<>();
        for (Map<String, Object> s : statements) {
            assertThat(s.get("Effect")).isEqualTo("Allow");
            actions.addAll(list(s.get("Action")));
            if (list(s.get("Resource")).contains("*")) {
                assertThat(list(s.get("Action")))
                        .as("only metrics have no resource ARN")
                        .containsExactly("cloudwatch:PutMetricData");
                assertThat(map(s, "Condition", "StringEquals"))
                        .containsEntry("cloudwatch:namespace", "AWS/KinesisAnalytics");
            }
        }
        assertThat(actions).isEqualTo(new TreeSet<>(ACTIONS));
    }

    @Test
    void inputStreamsAreReadOnlyAndOutputStreamsWriteOnly() {
        List<String> inputs = new ArrayList<>(EventStreamTags.from(config).streams());
        inputs.add(config.require(SourceOptions.USERS_STREAM));
        inputs.add(config.require(SourceOptions.RULES_STREAM));
        List<String> outputs =
                List.of(
                        config.require(SinkOptions.DETECTIONS_STREAM),
                        config.require(SinkOptions.DELIVERY_STATUS_STREAM),
                        config.require(SinkOptions.RULE_STATUS_STREAM));
        for (String stream : inputs) {
            String arn = "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + stream;
            assertThat(allowed(arn))
                    .as(stream)
                    .contains(
                            "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards")
                    .contains("kinesis:DescribeStream")
                    .doesNotContain("kinesis:PutRecords", "kinesis:PutRecord");
        }
        for (String stream : outputs) {
            String arn = "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + stream;
            assertThat(allowed(arn))
                    .as(stream)
                    .contains("kinesis:PutRecords", "kinesis:PutRecord", "kinesis:ListShards")
                    .doesNotContain("kinesis:GetRecords");
        }
        assertThat(
                        allowed(
                                "arn:aws:kinesis:"
                                        + REGION
                                        + ":"
                                        + ACCOUNT
                                        + ":stream/someone-elses-stream"))
                .isEmpty();
    }

    @Test
    void inputPrefixesAreReadOnlyAndTheAuditTrailWritable() {
        for (String object :
                List.of(
                        config.given(SourceOptions.EVENT_PATHS) + "/acme/okta/x.jsonl",
                        config.require(SourceOptions.RULES_PATH) + "/gambling.yaml",
                        config.require(NotifyOptions.MODULES))) {
            assertThat(allowed(s3Arn(object)))
                    .as(object)
                    .contains("s3:GetObject")
                    .doesNotContain("s3:PutObject");
        }
        assertThat(
                        allowed(
                                s3Arn(
                                        config.require(SinkOptions.AUDIT_PATH)
                                                + "/raw/org=acme/part-0-1")))
                .contains(
                        "s3:PutObject",
                        "s3:AbortMultipartUpload",
                        "s3:ListMultipartUploadParts",
                        "s3:GetObject");
        assertThat(allowed("arn:aws:s3:::" + DATA)).containsExactly("s3:ListBucket");
        for (String prefix : List.of("events", "rules", "config", "audit")) {
            assertThat(allowed("arn:aws:s3:::" + DATA + "/" + prefix))
                    .as("S3A's HEAD on " + prefix)
                    .containsExactly("s3:GetObject");
        }
        assertThat(allowed("arn:aws:s3:::" + DATA + "/elsewhere/x")).isEmpty();
        assertThat(allowed("arn:aws:s3:::acme-coach-code/security-coach/coach-jobs-job.jar"))
                .contains("s3:GetObject");
    }

    @Test
    void secretsUnderTheCoachPrefixOnly() {
        for (var ref : NotifyOptions.SECRET_REFERENCES) {
            config.getOptional(ref)
                    .ifPresent(
                            value ->
                                    assertThat(
                                                    allowed(
                                                            secretArn(
                                                                    value.substring(
                                                                            value.indexOf(':')
                                                                                    + 1))))
                                            .as(ref.id())
                                            .containsExactly("secretsmanager:GetSecretValue"));
        }
        assertThat(allowed(secretArn("coach/acme/slack-bot-token")))
                .containsExactly("secretsmanager:GetSecretValue");
        assertThat(allowed(secretArn("payroll/db-password"))).isEmpty();
    }

    private Set<String> allowed(String arn) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> s : statements) {
            List<String> resources = list(s.get("Resource"));
            if (resources.stream()
                    .anyMatch(
                            pattern ->
                                    !pattern.equals("*") && glob(pattern).matcher(arn).matches())) {
                out.addAll(list(s.get("Action")));
            }
        }
        return out;
    }

    private static String secretArn(String id) {
        return "arn:aws:secretsmanager:"
                + REGION
                + ":"
                + ACCOUNT
                + ":secret:"
                + id
                + "-AbC123"; // a random suffix
    }

    private static String s3Arn(String uri) {
        return "arn:aws:s3:::" + uri.substring("s3://".length());
    }

    private static Pattern glob(String resource) {
        return Pattern.compile(Pattern.quote(resource).replace("*", "\\E.*\\Q"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return value instanceof List ? (List<String>) value : List.of((String) value);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, String>> propertyGroups() {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, Object> environment =
                map(application, "ApplicationConfiguration", "EnvironmentProperties");
        for (Object group : (List<Object>) environment.get("PropertyGroups")) {
            Map<String, Object> g = (Map<String, Object>) group;
            Map<String, String> values = new TreeMap<>();
            map(g, "PropertyMap").forEach((k, v) -> values.put(k, String.valueOf(v)));
            groups.put((String) g.get("PropertyGroupId"), values);
        }
        return groups;
    }

    private Path writeGroups(Map<String, Map<String, String>> groups) throws Exception {
        List<Map<String, Object>> json =
                groups.entrySet().stream()
                        .map(
                                e ->
                                        Map.<String, Object>of(
                                                "PropertyGroupId",
                                                e.getKey(),
                                                "PropertyMap",
                                                e.getValue()))
                        .collect(Collectors.toList());
        Path file = dir.resolve("application_properties.json");
        Files.writeString(file, Json.write(json));
        return file;
    }

    private static Set<String> keys(Map<String, Map<String, String>> groups) {
        Set<String> out = new TreeSet<>();
        groups.forEach((g, values) -> values.keySet().forEach(k -> out.add(g + "." + k)));
        return out;
    }
}
