package io.securitycoach.normalize.vendors;

import io.securitycoach.normalize.IsoInstants;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The time forms a Zscaler NSS template writes: {@code %s{time}} ({@code Mon Jun 20 15:29:11 2022}),
 * {@code YYYY-MM-DD HH:MM:SS} (the JSON/Splunk template's {@code datetime}), ISO-8601, or epoch seconds.
 * Local forms are read in the record's own {@code tz} when the template writes it, else the feed's zone.
 */
final class NssTimes {
    private static final DateTimeFormatter NSS_TIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SPLUNK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final long MILLIS_THRESHOLD = 100_000_000_000L; // an epoch number above this is milliseconds

    private NssTimes() {}

    static long epochMillis(String text, String field) throws NormalizationException {
        if (text.isEmpty() || text.length() > 15) {
            throw invalid(field, text);
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(field, text);
            }
            value = value * 10 + (c - '0');
        }
        return value >= MILLIS_THRESHOLD ? value : value * 1000L;
    }

    /** A textual time in one of the NSS forms; {@code zone} applies to forms without an offset. */
    static long parse(String text, ZoneId zone, String field) throws NormalizationException {
        String t = collapseSpaces(text.trim());
        if (!t.isEmpty() && Character.isDigit(t.charAt(0)) && t.indexOf('-') < 0) {
            return epochMillis(t, field);
        }
        try {
            if (t.length() > 10 && t.charAt(10) == 'T') {
                return IsoInstants.parseMillis(t);
            }
            DateTimeFormatter format = t.length() == 19 && t.charAt(4) == '-' ? SPLUNK_TIME : NSS_TIME;
            return LocalDateTime.parse(t, format).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw invalid(field, text);
        }
    }

    /** The record's {@code tz} ("GMT", "UTC", "Europe/Berlin", "GMT+02:00"), else the feed's zone. */
    static ZoneId zone(String tz, ZoneId feedZone) {
        if (tz == null) {
            return feedZone;
        }
        try {
            return ZoneId.of(tz.trim());
        } catch (DateTimeException e) {
            return feedZone; // an unknown zone name is the template's text, not a reason to lose the record
        }
    }

    private static String collapseSpaces(String s) {
        if (s.indexOf("  ") < 0) {
            return s; // the common case: no allocation
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' || b.length() == 0 || b.charAt(b.length() - 1) != ' ') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static NormalizationException invalid(String field, String text) {
        return new NormalizationException(Reasons.INVALID_TIME, field + " is not an NSS time: " + text);
    }
}
