package io.securitycoach.integrations;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * For vendor APIs whose cursor lives on the vendor's side (Netskope's iterator index moves when we
 * ask for the next page): which of the pages this task fetched are in a completed checkpoint. Such
 * an API may move the vendor's cursor again only once the last page it moved to is {@link
 * State#SETTLED}: then, whatever checkpoint a restore comes from, the vendor is at most one page
 * ahead of the restored state, and that page can be asked for again ({@code resend}). In the poller
 * task's memory only: after a restore every stream is {@link State#UNKNOWN}, which is what tells
 * the API to ask for the vendor's last page again before moving on. One task thread uses it.
 */
public final class PageAcknowledgements {
    /** Where a stream's last page stands. */
    public enum State {
        /** Not fetched by this task since it started: the vendor may be ahead of our state. */
        UNKNOWN,
        /** Fetched, emitted, not yet in a completed checkpoint. */
        PENDING,
        /** Its page is in a completed checkpoint (or nothing can roll it back). */
        SETTLED
    }

    private static final long NOT_SNAPSHOTTED = Long.MAX_VALUE;

    private final boolean checkpointed;
    private boolean trustAll;

    /** Per {@code integration + " " + stream}: the checkpoint holding its pending page. */
    private final Map<String, Long> pending = new HashMap<>();

    private final Map<String, Boolean> settled = new HashMap<>();

    /**
     * @param checkpointed false when the job takes no checkpoints: nothing is ever rolled back, so
     *     a fetched page is settled at once
     */
    public PageAcknowledgements(boolean checkpointed) {
        this.checkpointed = checkpointed;
    }

    /** An acknowledgement book for one-off calls outside a job (tools, tests): no checkpoints. */
    public static PageAcknowledgements unchecked() {
        return new PageAcknowledgements(false);
    }

    public State state(String integration, String stream) {
        String key = key(integration, stream);
        if (pending.containsKey(key)) {
            return State.PENDING;
        }
        return settled.containsKey(key) ? State.SETTLED : State.UNKNOWN;
    }

    /** The stream's vendor cursor moved to a page this task emitted. */
    public void fetched(String integration, String stream) {
        String key = key(integration, stream);
        if (!checkpointed || trustAll) {
            settle(key);
        } else {
            settled.remove(key);
            pending.put(key, NOT_SNAPSHOTTED);
        }
    }

    /** The vendor's last page of the stream is known to be the one our state holds. */
    public void confirmed(String integration, String stream) {
        settle(key(integration, stream));
    }

    /** A request's outcome is unknown (it may have moved the vendor's cursor): ask again. */
    public void lost(String integration, String stream) {
        String key = key(integration, stream);
        pending.remove(key);
        settled.remove(key);
    }

    /** A checkpoint's state is being taken: every pending page so far is in it. */
    public void snapshotted(long checkpointId) {
        pending.replaceAll((k, id) -> id == NOT_SNAPSHOTTED ? checkpointId : id);
    }

    /** A checkpoint completed: the pages it holds are settled. */
    public void completed(long checkpointId) {
        for (Iterator<Map.Entry<String, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() <= checkpointId) {
                settled.put(e.getKey(), Boolean.TRUE);
                it.remove();
            }
        }
    }

    /**
     * From now on a fetched page counts as settled: the final fetch of a bounded run, where no
     * checkpoint can come between two polls.
     */
    public void trustAll() {
        trustAll = true;
        pending.keySet().forEach(k -> settled.put(k, Boolean.TRUE));
        pending.clear();
    }

    /** Forgets a removed integration's streams. */
    public void forget(String integration) {
        String prefix = integration + " ";
        pending.keySet().removeIf(k -> k.startsWith(prefix));
        settled.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private void settle(String key) {
        pending.remove(key);
        settled.put(key, Boolean.TRUE);
    }

    private static String key(String integration, String stream) {
        return integration + " " + stream;
    }
}
