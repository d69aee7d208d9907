package io.securitycoach.util;

import org.apache.flink.util.OutputTag;

/**
 * The side-output part of a function's contexts (element, broadcast, timer), so one method serves
 * each.
 */
@FunctionalInterface
public interface SideOutputs {
    <X> void output(OutputTag<X> tag, X value);
}
