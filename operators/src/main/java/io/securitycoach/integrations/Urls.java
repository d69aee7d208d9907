package io.securitycoach.integrations;

import io.securitycoach.normalize.IsoInstants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Query parameters for vendor URLs. */
public final class Urls {
    private Urls() {}

    public static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /** An ISO-8601 instant as epoch ms, or -1 when the text is none. */
    public static long millis(String iso) {
        try {
            return iso == null || iso.isEmpty() ? -1 : IsoInstants.parseMillis(iso);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** ISO-8601 UTC with milliseconds, as vendor APIs take times. */
    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
