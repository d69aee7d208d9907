package io.securitycoach.util;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.MetricGroup;

/**
 * Where the job's own metrics live. Managed Flink exports to CloudWatch only the metrics under a
 * group named {@code kinesisanalytics}; the Prometheus reporter shows the same group in the metric
 * name ({@code flink_taskmanager_job_task_operator_kinesisanalytics_<name>}), so one registration
 * serves both targets under one name. docs/operations.md lists the metrics and their dimensions.
 */
public final class JobMetrics {
    /** The group Managed Flink exports (its documented name, lower case). */
    public static final String EXPORTED_GROUP = "kinesisanalytics";

    /**
     * Global job parameter: {@code per-org} adds an {@code org} dimension with the org's id beside
     * the aggregate series ({@code org=all}); anything else keeps only the aggregate.
     */
    public static final String ORG_DIMENSION_PARAMETER = "coach.metrics.org-dimension";

    public static final String PER_ORG = "per-org";
    public static final String AGGREGATED = "aggregated";

    /** The {@code org} dimension's value on the aggregate series, which alarms read. */
    public static final String ALL_ORGS = "all";

    private JobMetrics() {}

    /** The exported group of an operator: register every job metric here. */
    public static MetricGroup exported(RuntimeContext context) {
        return context.getMetricGroup().addGroup(EXPORTED_GROUP);
    }

    /** Whether the job was started with per-org dimensions. */
    public static boolean perOrg(RuntimeContext context) {
        return PER_ORG.equals(context.getGlobalJobParameters().get(ORG_DIMENSION_PARAMETER));
    }

    /** Counters by labels in the exported group, with the job's org-dimension choice. */
    public static LabelledCounters labelled(RuntimeContext context, String name, String... labels) {
        return new LabelledCounters(exported(context), name, perOrg(context), labels);
    }
}
