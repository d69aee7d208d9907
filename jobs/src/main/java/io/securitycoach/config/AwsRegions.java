package io.securitycoach.config;

import io.securitycoach.jobs.wiring.kinesis.KinesisOptions;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * The region of the job's AWS services: the one configured, else the runtime's, as the AWS SDK
 * finds it (AWS_REGION, the aws.region system property, the profile, instance metadata). Local
 * servers ({@code Kinesis.endpoint} set) do not check the region, so there any region does and
 * instance metadata, which takes seconds to time out off AWS, is not asked.
 */
public final class AwsRegions {
    static final String LOCAL_DEFAULT = "us-east-1";

    private AwsRegions() {}

    public static String kinesis(CoachConfig config) {
        if (config.isSet(KinesisOptions.KINESIS_REGION)) {
            return config.require(KinesisOptions.KINESIS_REGION);
        }
        if (config.isSet(KinesisOptions.KINESIS_ENDPOINT)) {
            return fromSystemSettings();
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new ConfigException(
                    KinesisOptions.KINESIS_REGION.id()
                            + ": not set, and the runtime names no region (AWS_REGION, the"
                            + " aws.region system property, the AWS profile, instance metadata):"
                            + " set it");
        }
    }

    private static String fromSystemSettings() {
        try {
            return new SystemSettingsRegionProvider().getRegion().id();
        } catch (SdkClientException e) {
            return LOCAL_DEFAULT;
        }
    }
}
