package io.securitycoach.config;

import io.securitycoach.jobs.wiring.SourceOptions;
import io.securitycoach.notify.NotifyOptions;
import io.securitycoach.options.Option;
import io.securitycoach.validation.Problems;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Managed Flink can and cannot give the job, checked at start: it has no environment variables
 * and no secret files, so secret references must name AWS Secrets Manager (and default to it); a
 * property value holds at most 2,048 characters.
 */
public final class ManagedFlinkRules {
    public static final int MAX_VALUE_LENGTH = 2048;

    /**
     * Deployment-wide secrets; org ids cannot start with '_', so no org's coach/<org>/ prefix
     * reaches them.
     */
    public static final String SHARED_SECRETS = "aws-secrets-manager:coach/_shared/";

    static final String SECRETS_MANAGER = "aws-secrets-manager:";

    private ManagedFlinkRules() {}

    /** The groups with Managed Flink's defaults added where a key is unset. */
    public static Map<String, Map<String, String>> withDefaults(
            Map<String, Map<String, String>> groups) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        groups.forEach((g, values) -> out.put(g, new TreeMap<>(values)));
        out.computeIfAbsent(NotifyOptions.SLACK_TOKEN_REF.group, g -> new TreeMap<>())
                .putIfAbsent(
                        NotifyOptions.SLACK_TOKEN_REF.name, SHARED_SECRETS + "slack-bot-token");
        return out;
    }

    /** Throws a {@link ConfigException} naming every key Managed Flink cannot serve. */
    public static void check(CoachConfig config) {
        Problems problems = new Problems();
        for (Option<String> ref : NotifyOptions.SECRET_REFERENCES) {
            config.getOptional(ref)
                    .filter(v -> !v.startsWith(SECRETS_MANAGER))
                    .ifPresent(
                            v ->
                                    problems.add(
                                            ref.id(),
                                            "'"
                                                    + v
                                                    + "' cannot be read on Managed Flink (no"
                                                    + " environment variables or secret files"
                                                    + " there): store the secret in AWS Secrets"
                                                    + " Manager and write "
                                                    + SECRETS_MANAGER
                                                    + "<secret id>"));
        }
        for (Option<?> key : CoachConfig.keys()) {
            int length = config.isSet(key) ? config.given(key).length() : 0;
            if (length > MAX_VALUE_LENGTH) {
                problems.add(
                        key.id(),
                        length
                                + " characters, more than the "
                                + MAX_VALUE_LENGTH
                                + " a Managed Flink property value may hold"
                                + (key == SourceOptions.EVENT_STREAMS
                                        ? ": list the streams in a file instead ("
                                                + SourceOptions.EVENT_STREAMS_FILE.id()
                                                + ")"
                                        : ""));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
