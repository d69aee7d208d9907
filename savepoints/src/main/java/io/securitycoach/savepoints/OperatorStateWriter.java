package io.securitycoach.savepoints;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.state.api.functions.StateBootstrapFunction;

/**
 * Writes a non-keyed operator's state: its broadcast state and one list state (the normalize
 * stage's records waiting for a parsing configuration). Run at parallelism 1 on a single element.
 */
public class OperatorStateWriter<T> extends StateBootstrapFunction<Integer> {
    private final BroadcastEntries broadcast;
    private final ListStateDescriptor<T> listDescriptor;
    private final List<byte[]> listElements;
    private transient ListState<T> list;

    public OperatorStateWriter(
            BroadcastEntries broadcast,
            ListStateDescriptor<T> listDescriptor,
            List<T> elements,
            ExecutionConfig config) {
        this.broadcast = broadcast;
        this.listDescriptor = listDescriptor;
        listDescriptor.initializeSerializerUnlessSet(config);
        this.listElements = new ArrayList<>();
        for (T e : elements) {
            listElements.add(StateBytes.write(listDescriptor.getElementSerializer(), e));
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        broadcast.writeTo(context.getOperatorStateStore());
        list = context.getOperatorStateStore().getListState(listDescriptor);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<T> elements = new ArrayList<>();
        for (byte[] e : listElements) {
            elements.add(StateBytes.read(listDescriptor.getElementSerializer(), e));
        }
        list.update(elements);
    }

    @Override
    public void processElement(Integer ignored, Context ctx) {
        // the state is given, not computed from input
    }
}
