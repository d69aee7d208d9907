package io.securitycoach.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** p50 and max of a few values (nearest rank), both 0 when there are none. */
final class Percentiles {
    private Percentiles() {}

    static Map<String, Double> p50AndMax(List<Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (values.isEmpty()) {
            out.put("p50", 0.0);
            out.put("max", 0.0);
            return out;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        out.put("p50", round(sorted.get((int) Math.ceil(sorted.size() * 0.5) - 1)));
        out.put("max", round(sorted.get(sorted.size() - 1)));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
