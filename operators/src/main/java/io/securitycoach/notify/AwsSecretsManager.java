package io.securitycoach.notify;

import io.securitycoach.notify.SecretResolver.SecretUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads secrets ({@code aws-secrets-manager:<secret id>}) from AWS Secrets Manager with the AWS
 * SDK: the default credential chain (the application's role), the configured or default region, an
 * optional endpoint override. The client is made on first use, so jobs that name no such secret
 * never start one. Errors name the secret id and the kind of failure, never a value.
 */
final class AwsSecretsManager implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String region;
    private final String endpoint;
    private SecretsManagerClient client;

    AwsSecretsManager(String region, String endpoint) {
        this.region = region;
        this.endpoint = endpoint;
    }

    String secretString(String secretId) throws SecretUnavailableException {
        String ref = "aws-secrets-manager:" + secretId;
        SecretsManagerClient sm;
        try {
            sm = client();
        } catch (SdkException e) {
            // Configuration, not the secret: typically no region (Notify.secrets-manager.region or
            // AWS_REGION).
            throw new SecretUnavailableException(
                    ref + ": no Secrets Manager client (" + e.getMessage() + ")");
        }
        GetSecretValueResponse answer;
        try {
            answer = sm.getSecretValue(b -> b.secretId(secretId));
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException(ref + ": no such secret in Secrets Manager");
        } catch (AwsServiceException e) {
            // AWS's error code (AccessDeniedException, DecryptionFailure, ...) says what to fix; no
            // value is in it.
            String code =
                    e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                            ? e.awsErrorDetails().errorCode()
                            : e.getClass().getSimpleName();
            throw new SecretUnavailableException(
                    ref + ": Secrets Manager answered " + e.statusCode() + " " + code);
        } catch (SdkException e) {
            // Not the SDK's message: a response it could not read may be quoted in it.
            throw new SecretUnavailableException(
                    ref
                            + (e.getCause() instanceof IOException
                                    ? ": Secrets Manager unreachable ("
                                            + e.getCause().getClass().getSimpleName()
                                            + ")"
                                    : ": Secrets Manager call failed ("
                                            + e.getClass().getSimpleName()
                                            + ", e.g. no credentials)"));
        }
        if (answer.secretString() == null) {
            throw new SecretUnavailableException(ref + " holds binary data, not text");
        }
        return answer.secretString();
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            SecretsManagerClientBuilder b =
                    SecretsManagerClient.builder()
                            .httpClientBuilder(
                                    UrlConnectionHttpClient.builder()
                                            .connectionTimeout(TIMEOUT)
                                            .socketTimeout(TIMEOUT))
                            .credentialsProvider(DefaultCredentialsProvider.create())
                            .overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT.multipliedBy(3)));
            if (region != null) {
                b.region(Region.of(region));
            }
            if (endpoint != null) {
                b.endpointOverride(URI.create(endpoint));
            }
            client = b.build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
