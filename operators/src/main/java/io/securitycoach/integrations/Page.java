package io.securitycoach.integrations;

import java.util.ArrayList;
import java.util.List;

/** What one request to a vendor API returned: records, the cursor after them, and its limits. */
public final class Page {
    /** One record as the vendor sent it, with its id and event time. */
    public static final class Item {
        public final String id;
        public final long eventTime;
        public final String json;

        public Item(String id, long eventTime, String json) {
            this.id = id;
            this.eventTime = eventTime;
            this.json = json;
        }
    }

    public final List<Item> items = new ArrayList<>();

    /** The vendor cursor after this page (null: keep querying by time from {@link #since}). */
    public String next;

    /** The time bound after this page, for APIs queried by time windows. */
    public long since;

    /** True when the vendor has nothing more right now: the poller waits for the next interval. */
    public boolean caughtUp;

    /** What the page asked for, for the audit's origin (e.g. {@code after=...}). */
    public String describe;

    /** Not before this time may the next request go (epoch ms; 0 = no limit said so). */
    public long notBefore;
}
