package io.securitycoach.notify.channels;

import java.net.URI;

/** Where one notification goes, with the secrets it needs resolved for this send only (never stored). */
public final class Target {
    public final URI endpoint;
    /** Bot token (Slack), or null. */
    public final String token;
    /** Shared secret for webhook signatures, or null. */
    public final String signingSecret;

    public Target(URI endpoint, String token, String signingSecret) {
        this.endpoint = endpoint;
        this.token = token;
        this.signingSecret = signingSecret;
    }
}
