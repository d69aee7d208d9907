package io.securitycoach.normalize.vendors;

import io.securitycoach.normalize.Digits;
import io.securitycoach.normalize.IsoInstants;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time forms a Zscaler NSS template writes: {@code %s{time}} ({@code Mon Jun 20 15:29:11
 * 2022}), {@code YYYY-MM-DD HH:MM:SS} (the JSON/Splunk template's {@code datetime}), ISO-8601, or
 * epoch seconds. Local forms are read in the record's own {@code tz} when the template writes it,
 * else the feed's zone.
 */
final class NssTimes {
    private static final long MILLIS_THRESHOLD =
            100_000_000_000L; // an epoch number above this is milliseconds

    /** Sixteen digits and more are no epoch time (the text form allows fifteen). */
    private static final long MAX_EPOCH_NUMBER = 1_000_000_000_000_000L;

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
        return epochMillis(value, field);
    }

    /** An epoch number that arrived as a JSON number: the same rules as its text. */
    static long epochMillis(long value, String field) throws NormalizationException {
        if (value < 0 || value >= MAX_EPOCH_NUMBER) {
            throw invalid(field, Long.toString(value));
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
            LocalDateTime local =
                    t.length() == 19 && t.charAt(4) == '-' ? splunkTime(t) : nssTime(t);
            if (local == null) {
                throw invalid(field, text);
            }
            return ZoneOffset.UTC.equals(zone)
                    ? local.toEpochSecond(ZoneOffset.UTC) * 1000L
                    : local.atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw invalid(field, text);
        }
    }

    /**
     * {@code 2026-11-20 09:41:17}, read by hand: DateTimeFormatter costs as much as the rest of the
     * record.
     */
    private static LocalDateTime splunkTime(String t) {
        if (t.charAt(7) != '-'
                || t.charAt(10) != ' '
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        return at(Digits.value(t, 0, 4), Digits.value(t, 5, 7), Digits.value(t, 8, 10), t, 11);
    }

    /**
     * {@code Fri Nov 20 08:15:02 2026} ({@code %s{time}}), its weekday checked against the date.
     */
    private static LocalDateTime nssTime(String t) {
        String[] parts = t.split(" ");
        if (parts.length != 5
                || parts[0].length() != 3
                || parts[3].length() != 8
                || parts[4].length() != 4) {
            return null;
        }
        int month = MONTHS.indexOf(parts[1]) / 3 + 1;
        if (parts[1].length() != 3 || MONTHS.indexOf(parts[1]) % 3 != 0) {
            return null;
        }
        LocalDateTime local =
                at(
                        Digits.value(parts[4], 0, 4),
                        month,
                        Digits.value(parts[2], 0, parts[2].length()),
                        parts[3],
                        0);
        boolean weekday =
                local != null
                        && local.getDayOfWeek().ordinal() == DAYS.indexOf(parts[0]) / 3
                        && DAYS.indexOf(parts[0]) % 3 == 0;
        return weekday ? local : null;
    }

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final String DAYS = "MonTueWedThuFriSatSun";

    /**
     * The date and the {@code HH:mm:ss} at {@code from} in {@code time}; null when any part is not
     * a number.
     */
    private static LocalDateTime at(int year, int month, int day, String time, int from) {
        if (time.length() < from + 8
                || time.charAt(from + 2) != ':'
                || time.charAt(from + 5) != ':') {
            return null;
        }
        int hour = Digits.value(time, from, from + 2);
        int minute = Digits.value(time, from + 3, from + 5);
        int second = Digits.value(time, from + 6, from + 8);
        if (year < 0 || month < 1 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        return LocalDateTime.of(
                year, month, day, hour, minute, second); // range checks throw DateTimeException
    }

    /**
     * The record's {@code tz} ("GMT", "UTC", "Europe/Berlin", "GMT+02:00"), else the feed's zone.
     */
    static ZoneId zone(String tz, ZoneId feedZone) {
        if (tz == null) {
            return feedZone;
        }
        try {
            return ZoneId.of(tz.trim());
        } catch (DateTimeException e) {
            return feedZone; // an unknown zone name is the template's text, not a reason to lose
            // the record
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
        return new NormalizationException(
                Reasons.INVALID_TIME, field + " is not an NSS time: " + text);
    }
}
