package io.securitycoach.notify.channels;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request a channel makes; the transport checks its destination before connecting. */
public final class Request {
    public final String method;
    public final URI uri;
    public final Map<String, String> headers = new LinkedHashMap<>();

    /** UTF-8 body, or null for none. */
    public final String body;

    public final Duration timeout;

    /**
     * True only when the URI comes from the operator's configuration (the allow-list may apply).
     */
    public final boolean operatorEndpoint;

    private Request(
            String method, URI uri, String body, Duration timeout, boolean operatorEndpoint) {
        this.method = method;
        this.uri = uri;
        this.body = body;
        this.timeout = timeout;
        this.operatorEndpoint = operatorEndpoint;
    }

    public static Request get(URI uri, Duration timeout, boolean operatorEndpoint) {
        return new Request("GET", uri, null, timeout, operatorEndpoint);
    }

    public static Request post(URI uri, String body, Duration timeout, boolean operatorEndpoint) {
        return new Request("POST", uri, body, timeout, operatorEndpoint);
    }

    public Request header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
