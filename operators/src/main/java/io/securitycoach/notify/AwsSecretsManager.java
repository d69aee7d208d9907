package io.securitycoach.notify;

import io.securitycoach.notify.SecretResolver.SecretUnavailableException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.net.URI;
import java.time.Duration;

/**
 * Reads secrets ({@code aws-secrets-manager:<secret id>}) from AWS Secrets Manager with the AWS SDK:
 * the default credential chain (the application's role), the configured or default region, an
 * optional endpoint override. The client is made on first use, so jobs that name no such secret never
 * start one. Errors name the secret id and the kind of failure, never a value.
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
        GetSecretValueResponse answer;
        try {
            answer = client().getSecretValue(b -> b.secretId(secretId));
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException(ref + ": no such secret in Secrets Manager");
        } catch (SdkServiceException e) {
            throw new SecretUnavailableException(ref + ": Secrets Manager answered " + e.statusCode()
                    + " " + e.getClass().getSimpleName());
        } catch (SdkException e) {
            throw new SecretUnavailableException(ref + ": Secrets Manager unreachable (" + e.getClass().getSimpleName() + ")");
        }
        if (answer.secretString() == null) {
            throw new SecretUnavailableException(ref + " holds binary data, not text");
        }
        return answer.secretString();
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            SecretsManagerClientBuilder b = SecretsManagerClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(TIMEOUT).socketTimeout(TIMEOUT))
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
