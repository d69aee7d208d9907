package io.securitycoach.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves secret references (tokens, webhook URLs with keys) at send time: {@code env:NAME},
 * {@code file:PATH}, {@code aws-secrets-manager:SECRET_ID}. Values are cached in memory for five
 * minutes (a rotated secret is picked up after that) and never written to state, audit or logs; only
 * the reference travels through the job.
 */
public final class SecretResolver implements AutoCloseable {
    private static final long CACHE_MILLIS = 300_000;

    private final Map<String, String> environment;
    private final String fileBase;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AwsSecretsManager secretsManager;

    private static final class Cached {
        final String value;
        final long until;

        Cached(String value, long until) {
            this.value = value;
            this.until = until;
        }
    }

    /**
     * @param fileBase where relative file: references are read from
     * @param awsRegion Secrets Manager's region, null for the SDK's default chain
     * @param awsEndpoint Secrets Manager endpoint override, null for AWS's own
     */
    public SecretResolver(Map<String, String> environment, String fileBase, String awsRegion, String awsEndpoint) {
        this.environment = environment;
        this.fileBase = fileBase;
        this.secretsManager = new AwsSecretsManager(awsRegion, awsEndpoint);
    }

    public SecretResolver(Map<String, String> environment, String fileBase) {
        this(environment, fileBase, null, null);
    }

    /** Environment, files under {@code settings.secretsDir} and Secrets Manager as the settings say. */
    public static SecretResolver of(NotifierSettings settings) {
        return new SecretResolver(System.getenv(), settings.secretsDir, settings.secretsManagerRegion, settings.secretsManagerEndpoint);
    }

    /** The secret's value. @throws SecretUnavailableException naming the reference (never the value) */
    public String resolve(String ref) throws SecretUnavailableException {
        long now = System.currentTimeMillis();
        Cached c = cache.get(ref);
        if (c != null && c.until > now) {
            return c.value;
        }
        String value = load(ref);
        cache.put(ref, new Cached(value, now + CACHE_MILLIS));
        return value;
    }

    private String load(String ref) throws SecretUnavailableException {
        int colon = ref == null ? -1 : ref.indexOf(':');
        if (colon <= 0) {
            throw new SecretUnavailableException("'" + ref + "' is not a secret reference (env:NAME or file:PATH)");
        }
        String kind = ref.substring(0, colon);
        String name = ref.substring(colon + 1);
        String value;
        switch (kind) {
            case "env":
                value = environment.get(name);
                break;
            case "file":
                try {
                    value = Files.readString(Paths.get(fileBase == null ? "." : fileBase).resolve(name), StandardCharsets.UTF_8).trim();
                } catch (IOException e) {
                    throw new SecretUnavailableException("cannot read secret file of " + ref);
                }
                break;
            case "aws-secrets-manager":
                value = secretsManager.secretString(name);
                break;
            default:
                throw new SecretUnavailableException("unknown secret kind in " + ref);
        }
        if (value == null || value.isBlank()) {
            throw new SecretUnavailableException(ref + " is not set");
        }
        return value;
    }

    @Override
    public void close() {
        secretsManager.close();
    }

    /** A secret that cannot be had; the message names the reference only. */
    public static final class SecretUnavailableException extends Exception {
        public SecretUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
