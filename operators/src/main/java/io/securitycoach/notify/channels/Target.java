package io.securitycoach.notify.channels;

import java.net.URI;

/**
 * Where one notification goes, with the secrets it needs resolved for this send only (never
 * stored).
 */
public final class Target {
    public final URI endpoint;

    /**
     * True when the endpoint comes from the operator's configuration, false when from an org's
     * settings.
     */
    public final boolean operatorEndpoint;

    /** Bot token (Slack), or null. */
    public final String token;

    /** Secret for webhook signatures (the org's for its own destination), or null. */
    public final String signingSecret;

    public Target(URI endpoint, boolean operatorEndpoint, String token, String signingSecret) {
        this.endpoint = endpoint;
        this.operatorEndpoint = operatorEndpoint;
        this.token = token;
        this.signingSecret = signingSecret;
    }
}
