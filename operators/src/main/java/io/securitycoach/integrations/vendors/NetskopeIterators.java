package io.securitycoach.integrations.vendors;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each of an integration's Netskope data export streams stands, kept as the cursor's vendor
 * cursor text ({@code IntegrationCursor.next}) so it is in every checkpoint with the records it
 * covers: whether the stream's iterator index was positioned, a fingerprint of the last page we
 * emitted (to recognise that page when {@code operation=resend} serves it again), until when
 * Netskope asked us to wait ({@code wait_time}), and whether its last answer was empty.
 */
final class NetskopeIterators {
    static final String VERSION = "nsk1";

    /** One stream: {@code alerts/dlp}, {@code events/page}, ... */
    static final class Stream {
        final String name;
        boolean opened;

        /** The last emitted page's fingerprint; {@link #NO_PAGE} before any. */
        String fingerprint = NO_PAGE;

        long waitUntil;
        boolean drained;

        /** The poll time at which it was last asked (epoch ms). */
        long askedAt;

        Stream(String name) {
            this.name = name;
        }

        /** Asked less than a poll interval ago. */
        boolean fresh(long now, long interval) {
            return now - askedAt < interval;
        }

        /** Its last answer was empty less than a poll interval ago: not worth asking yet. */
        boolean idle(long now, long interval) {
            return opened && drained && fresh(now, interval);
        }
    }

    static final String NO_PAGE = "-";

    final List<Stream> streams = new ArrayList<>();

    /** The stream asked last (round robin). */
    int turn = -1;

    /** Fresh iterators for these streams, or the ones the text describes for the same streams. */
    static NetskopeIterators of(List<String> names, String text) {
        NetskopeIterators its = new NetskopeIterators();
        for (String n : names) {
            its.streams.add(new Stream(n));
        }
        if (text != null && text.startsWith(VERSION + ";")) {
            its.read(text);
        }
        return its;
    }

    private void read(String text) {
        String[] parts = text.split(";");
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("turn=")) {
                turn = (int) number(part.substring(5));
                continue;
            }
            int eq = part.indexOf('=');
            Stream s = eq < 0 ? null : stream(part.substring(0, eq));
            if (s == null) {
                continue; // a stream no longer fetched
            }
            String[] f = part.substring(eq + 1).split(",", -1);
            if (f.length == 5) {
                s.opened = "o".equals(f[0]);
                s.fingerprint = f[1];
                s.waitUntil = number(f[2]);
                s.drained = "d".equals(f[3]);
                s.askedAt = number(f[4]);
            }
        }
    }

    String text() {
        StringBuilder b = new StringBuilder(VERSION).append(";turn=").append(turn);
        for (Stream s : streams) {
            b.append(';')
                    .append(s.name)
                    .append('=')
                    .append(s.opened ? "o" : "n")
                    .append(',')
                    .append(s.fingerprint)
                    .append(',')
                    .append(s.waitUntil)
                    .append(',')
                    .append(s.drained ? "d" : "m")
                    .append(',')
                    .append(s.askedAt);
        }
        return b.toString();
    }

    Stream stream(String name) {
        for (Stream s : streams) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Every stream answered empty within the poll interval, or waits as Netskope asked: the
     * integration has what Netskope has.
     */
    boolean caughtUp(long now, long interval) {
        for (Stream s : streams) {
            if (!s.opened || !s.drained || !s.fresh(now, interval) && s.waitUntil <= now) {
                return false;
            }
        }
        return true;
    }

    /** The fingerprint of a page: its size and a 64-bit FNV-1a hash of its record ids in order. */
    static String fingerprint(List<String> ids) {
        if (ids.isEmpty()) {
            return NO_PAGE;
        }
        long h = 0xcbf29ce484222325L;
        for (String id : ids) {
            for (int i = 0; i < id.length(); i++) {
                h ^= id.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= '\n';
            h *= 0x100000001b3L;
        }
        return ids.size() + ":" + Long.toHexString(h);
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
