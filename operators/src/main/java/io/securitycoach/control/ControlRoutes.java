package io.securitycoach.control;

import io.securitycoach.records.ControlMessage;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The intake's side output for each stage: one broadcast per stage, of its own types only. */
public final class ControlRoutes {
    private static final Map<ControlStage, OutputTag<ControlMessage>> TAGS =
            new EnumMap<>(ControlStage.class);

    static {
        for (ControlStage stage : ControlStage.values()) {
            if (stage != ControlStage.INTAKE) {
                TAGS.put(
                        stage,
                        new OutputTag<>(
                                "control-" + stage.name().toLowerCase(Locale.ROOT),
                                TypeInformation.of(ControlMessage.class)));
            }
        }
    }

    private ControlRoutes() {}

    /** The control messages {@code stage} gets. */
    public static OutputTag<ControlMessage> to(ControlStage stage) {
        OutputTag<ControlMessage> tag = TAGS.get(stage);
        if (tag == null) {
            throw new IllegalArgumentException("the intake answers its own messages: " + stage);
        }
        return tag;
    }
}
