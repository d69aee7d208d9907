package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.config.AwsRegions;
import io.securitycoach.config.CoachConfig;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.connector.kinesis.sink.PartitionKeyGenerator;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * Kinesis consumers and sinks from the {@code Kinesis} property group. Consumers poll (enhanced
 * fan-out needs SubscribeToShard, which local servers lack, and costs per consumer); their shard
 * offsets live in Flink checkpoints, so a restore resumes where the job stopped.
 */
public final class KinesisStreams {
    private KinesisStreams() {}

    public static <T> FlinkKinesisConsumer<T> consumer(
            List<String> streams, KinesisDeserializationSchema<T> schema, CoachConfig config) {
        Properties p = connection(config);
        p.setProperty(
                "flink.stream.initpos", config.require(KinesisOptions.KINESIS_INITIAL_POSITION));
        p.setProperty("flink.stream.recordpublisher", "POLLING");
        p.setProperty(
                "flink.shard.getrecords.intervalmillis",
                String.valueOf(config.get(KinesisOptions.KINESIS_POLL_INTERVAL).toMillis()));
        p.setProperty(
                "flink.shard.discovery.intervalmillis",
                String.valueOf(config.get(KinesisOptions.KINESIS_DISCOVERY_INTERVAL).toMillis()));
        return new FlinkKinesisConsumer<>(streams, schema, p);
    }

    /**
     * At-least-once: records of a checkpoint that failed after they were put are put again on
     * restore. By stream name (deprecated for ARNs): kinesalite answers names, not ARNs.
     */
    @SuppressWarnings("deprecation")
    public static <T> KinesisStreamsSink<T> sink(
            String stream,
            SerializationSchema<T> schema,
            PartitionKeyGenerator<T> partitionKey,
            CoachConfig config) {
        Properties p = connection(config);
        // HTTP/2 needs TLS with ALPN; local servers speak plain HTTP/1.1, and Kinesis accepts both.
        p.setProperty("aws.http.protocol.version", "HTTP1_1");
        return KinesisStreamsSink.<T>builder()
                .setKinesisClientProperties(p)
                .setStreamName(stream)
                .setSerializationSchema(schema)
                .setPartitionKeyGenerator(partitionKey)
                .setFailOnError(false)
                .build();
    }

    static Properties connection(CoachConfig config) {
        Properties p = new Properties();
        p.setProperty("aws.region", AwsRegions.kinesis(config));
        config.getOptional(KinesisOptions.KINESIS_ENDPOINT)
                .ifPresent(e -> p.setProperty("aws.endpoint", e));
        if (config.isSet(KinesisOptions.KINESIS_ACCESS_KEY)) {
            p.setProperty("aws.credentials.provider", "BASIC");
            p.setProperty(
                    "aws.credentials.provider.basic.accesskeyid",
                    config.require(KinesisOptions.KINESIS_ACCESS_KEY));
            p.setProperty(
                    "aws.credentials.provider.basic.secretkey",
                    config.require(KinesisOptions.KINESIS_SECRET_KEY));
        } else {
            p.setProperty("aws.credentials.provider", "AUTO");
        }
        return p;
    }
}
