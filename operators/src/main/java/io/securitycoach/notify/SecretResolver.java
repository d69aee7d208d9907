package io.securitycoach.notify;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Resolves secret references (tokens, webhook URLs with keys) at send time: {@code env:NAME},
 * {@code file:PATH}, {@code aws-secrets-manager:SECRET_ID}. Values are cached in memory for a
 * time-to-live (a rotated secret is picked up after it) and never written to state, audit or logs;
 * only the reference travels through the job. Lookups run on the given executor, one per reference
 * at a time (callers asking meanwhile share it); failures are shared with those callers, then
 * forgotten.
 */
public final class SecretResolver implements AutoCloseable {
    private final Map<String, String> environment;
    private final String fileBase;
    private final AwsSecretsManager secretsManager;
    private final AsyncLoadingCache<String, Lookup> cache;

    /**
     * A value or why there is none: failures are results, not exceptions, so the cache never logs
     * them.
     */
    private static final class Lookup {
        final String value;
        final SecretUnavailableException error;

        Lookup(String value, SecretUnavailableException error) {
            this.value = value;
            this.error = error;
        }
    }

    /**
     * @param fileBase where relative file: references are read from
     * @param awsRegion Secrets Manager's region, null for the SDK's default chain
     * @param awsEndpoint Secrets Manager endpoint override, null for AWS's own
     * @param ttl how long a value is used before it is read again
     * @param lookups where lookups (files, Secrets Manager calls) run: they may block
     */
    public SecretResolver(
            Map<String, String> environment,
            String fileBase,
            String awsRegion,
            String awsEndpoint,
            Duration ttl,
            Executor lookups) {
        this(environment, fileBase, awsRegion, awsEndpoint, ttl, lookups, Ticker.systemTicker());
    }

    SecretResolver(
            Map<String, String> environment,
            String fileBase,
            String awsRegion,
            String awsEndpoint,
            Duration ttl,
            Executor lookups,
            Ticker ticker) {
        this.environment = environment;
        this.fileBase = fileBase;
        this.secretsManager = new AwsSecretsManager(awsRegion, awsEndpoint);
        long valueNanos = ttl.toNanos();
        this.cache =
                Caffeine.newBuilder()
                        .ticker(ticker)
                        .executor(lookups)
                        .expireAfter(
                                new Expiry<String, Lookup>() {
                                    @Override
                                    public long expireAfterCreate(
                                            String ref, Lookup lookup, long now) {
                                        return lookup.error == null
                                                ? valueNanos
                                                : 0; // a secret created after a failure is seen at
                                        // once
                                    }

                                    @Override
                                    public long expireAfterUpdate(
                                            String ref, Lookup lookup, long now, long remaining) {
                                        return expireAfterCreate(ref, lookup, now);
                                    }

                                    @Override
                                    public long expireAfterRead(
                                            String ref, Lookup lookup, long now, long remaining) {
                                        return remaining;
                                    }
                                })
                        .buildAsync(this::lookup);
    }

    /**
     * Environment, files under {@code settings.secretsDir} and Secrets Manager as the settings say.
     */
    public static SecretResolver of(NotifierSettings settings, Executor lookups) {
        return new SecretResolver(
                System.getenv(),
                settings.secretsDir,
                settings.secretsManagerRegion,
                settings.secretsManagerEndpoint,
                Duration.ofMillis(settings.secretsCacheMillis),
                lookups);
    }

    /** For lookups at start (no pool yet): they run on the caller's thread. */
    public static SecretResolver of(NotifierSettings settings) {
        return of(settings, Runnable::run);
    }

    /**
     * The secret's value, later: at once from the cache, else when the lookup ends. Fails with a
     * {@link SecretUnavailableException} (see {@link #unavailable}) naming the reference, never a
     * value.
     */
    public CompletableFuture<String> resolveAsync(String ref) {
        if (ref == null) {
            return CompletableFuture.failedFuture(
                    new SecretUnavailableException("no secret reference"));
        }
        return cache.get(ref)
                .thenCompose(
                        l ->
                                l.error == null
                                        ? CompletableFuture.completedFuture(l.value)
                                        : CompletableFuture.failedFuture(l.error));
    }

    /** The secret's value, waiting for the lookup. */
    public String resolve(String ref) throws SecretUnavailableException {
        try {
            return resolveAsync(ref).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretUnavailableException("interrupted while resolving " + ref);
        } catch (ExecutionException e) {
            throw unavailable(e);
        }
    }

    /** The reason a lookup failed, as a SecretUnavailableException whatever wrapped it. */
    public static SecretUnavailableException unavailable(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof SecretUnavailableException
                ? (SecretUnavailableException) cause
                // Not the cause's message: an unexpected error might quote what it was reading.
                : new SecretUnavailableException(
                        "secret lookup failed (" + cause.getClass().getSimpleName() + ")");
    }

    private Lookup lookup(String ref) {
        try {
            return new Lookup(load(ref), null);
        } catch (SecretUnavailableException e) {
            return new Lookup(null, e);
        } catch (RuntimeException e) {
            return new Lookup(null, unavailable(e));
        }
    }

    private String load(String ref) throws SecretUnavailableException {
        int colon = ref.indexOf(':');
        if (colon <= 0) {
            throw new SecretUnavailableException(
                    "'" + ref + "' is not a secret reference (env:NAME or file:PATH)");
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
                    value =
                            Files.readString(
                                            Paths.get(fileBase == null ? "." : fileBase)
                                                    .resolve(name),
                                            StandardCharsets.UTF_8)
                                    .trim();
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
        cache.synchronous().invalidateAll();
        secretsManager.close();
    }

    /** A secret that cannot be had; the message names the reference only. */
    public static final class SecretUnavailableException extends Exception {
        public SecretUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
