package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.config.CoachConfig;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.junit.jupiter.api.Test;

class CoachJobFlinkConfigurationTest {
    @Test
    void rocksDbIsIncrementalWithBloomFilters() {
        Configuration conf = CoachJob.flinkConfiguration(CoachConfig.of(Map.of()));

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(RocksDBConfigurableOptions.USE_BLOOM_FILTER)).isTrue();
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
    }

    @Test
    void heapBackendGetsNoRocksDbOptions() {
        Configuration conf =
                CoachJob.flinkConfiguration(
                        CoachConfig.of(Map.of("Job", Map.of("state.backend", "hashmap"))));

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
        assertThat(conf.contains(RocksDBConfigurableOptions.USE_BLOOM_FILTER)).isFalse();
    }
}
