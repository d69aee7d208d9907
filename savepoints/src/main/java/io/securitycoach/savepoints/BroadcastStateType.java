package io.securitycoach.savepoints;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** A broadcast state of the job with the type of its values (a descriptor does not expose it). */
public final class BroadcastStateType<V> {
    public final MapStateDescriptor<String, V> descriptor;
    public final TypeInformation<V> valueType;

    BroadcastStateType(MapStateDescriptor<String, V> descriptor, Class<V> valueType) {
        this.descriptor = descriptor;
        this.valueType = TypeInformation.of(valueType);
    }
}
