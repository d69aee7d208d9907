package io.securitycoach.savepoints;

/**
 * One piece of one key's state on its way from a savepoint to a new one: a value, a list element, a
 * map entry or a timer, serialized with the state's own serializer. Generic over every keyed state
 * of the job, so one reader and one writer serve every operator.
 */
public class StateCell {
    public static final String EVENT_TIMER = "timer:event";
    public static final String PROCESSING_TIMER = "timer:processing";

    /** Marks a key (one per key that has any state); not state itself. */
    public static final String KEY = "key";

    public String key;

    /** The state's descriptor name, or one of the timer kinds. */
    public String state;

    /** Map state only: the entry's key. */
    public byte[] mapKey;

    public byte[] value;

    /** Timers only. */
    public long timestamp;

    public StateCell() {}

    static StateCell of(String key, String state, byte[] mapKey, byte[] value) {
        StateCell c = new StateCell();
        c.key = key;
        c.state = state;
        c.mapKey = mapKey;
        c.value = value;
        return c;
    }

    static StateCell timer(String key, String kind, long timestamp) {
        StateCell c = of(key, kind, null, null);
        c.timestamp = timestamp;
        return c;
    }
}
