package io.securitycoach.testing;

import io.securitycoach.schema.SecurityEvent;

/**
 * Normalized events for tests: an allowed Zscaler web visit to site.example by default, identity
 * key and actor email set alike (as normalization sets them), event and ingest time alike.
 */
public final class EventBuilder {
    private final SecurityEvent event = new SecurityEvent();

    private EventBuilder(String org, String identity) {
        event.orgId = org;
        event.vendor = "zscaler";
        event.eventClass = "web";
        event.action = "allowed";
        event.urlHost = "site.example";
        event.actorEmail = identity;
        event.identityKey = identity;
    }

    /** A web visit by {@code identity} (an email or a user name) in {@code org}. */
    public static EventBuilder webEvent(String org, String identity) {
        return new EventBuilder(org, identity);
    }

    /** The shorthand most tests use: a visit to a site of {@code category} at {@code time}. */
    public static SecurityEvent web(
            String org, String uid, String identity, long time, String category) {
        return webEvent(org, identity).uid(uid).at(time).category(category).build();
    }

    public EventBuilder uid(String uid) {
        event.eventUid = uid;
        return this;
    }

    /** Event time and ingest time. */
    public EventBuilder at(long time) {
        event.eventTime = time;
        event.ingestTime = time;
        return this;
    }

    public EventBuilder category(String urlCategory) {
        event.urlCategory = urlCategory;
        return this;
    }

    public EventBuilder action(String action) {
        event.action = action;
        return this;
    }

    public EventBuilder host(String urlHost) {
        event.urlHost = urlHost;
        return this;
    }

    public EventBuilder eventClass(String eventClass) {
        event.eventClass = eventClass;
        return this;
    }

    public EventBuilder vendor(String vendor) {
        event.vendor = vendor;
        return this;
    }

    public SecurityEvent build() {
        return event;
    }
}
