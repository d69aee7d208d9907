package io.securitycoach.soak;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every input record exactly once in the raw audit (compared by fingerprint of its text), and every
 * input record either an event or a dead letter of normalization.
 */
final class RawAuditCheck {
    private final InputRecords input;
    private final Path audit;

    RawAuditCheck(InputRecords input, Path audit) {
        this.input = input;
        this.audit = audit;
    }

    void run(SoakReport report) {
        LongBag in = new LongBag();
        input.forEach((text, place) -> in.add(RecordKeys.of(text)));
        LongBag raw = new LongBag();
        AuditTrail.forEach(
                audit,
                AuditStage.RAW,
                (r, file) -> raw.add(RecordKeys.of(r.path("payload").asText())));
        long[] inSorted = in.sorted();
        long[] rawSorted = raw.sorted();
        LongBag missing = LongBag.surplus(inSorted, rawSorted);
        LongBag extra = LongBag.surplus(rawSorted, inSorted);
        report.eventsIn = in.size();
        report.rawAuditMissing = missing.size();
        report.rawAuditDuplicated = extra.size();
        if (missing.size() > 0) {
            report.violations.add(
                    new Violation("raw_audit_missing", missing.size(), inputPlaces(missing)));
        }
        if (extra.size() > 0) {
            report.violations.add(
                    new Violation("raw_audit_duplicated", extra.size(), rawPlaces(extra)));
        }
        countEventsAndDeadLetters(report);
    }

    /**
     * Events audited once each (by event uid) plus dead letters of normalization equal the input.
     */
    private void countEventsAndDeadLetters(SoakReport report) {
        LongBag uids = new LongBag();
        AuditTrail.forEach(
                audit,
                AuditStage.EVENTS,
                (e, file) -> uids.add(RecordKeys.of(e.path("event_uid").asText())));
        long[] deadLetters = {0};
        AuditTrail.forEach(
                audit,
                AuditStage.DEAD_LETTERS,
                (d, file) -> {
                    if ("normalize".equals(d.path("stage").asText())) {
                        deadLetters[0]++;
                    }
                });
        long[] sorted = uids.sorted();
        long distinct = sorted.length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.length; i++) {
            distinct += sorted[i] != sorted[i - 1] ? 1 : 0;
        }
        report.eventsAudited = sorted.length;
        report.deadLettersOfNormalization = deadLetters[0];
        report.eventsPlusDeadLettersEqualInput =
                distinct == sorted.length && sorted.length + deadLetters[0] == report.eventsIn;
        if (!report.eventsPlusDeadLettersEqualInput) {
            report.violations.add(
                    new Violation(
                            "events_plus_dead_letters_not_input",
                            1,
                            List.of(
                                    "events audited "
                                            + sorted.length
                                            + " ("
                                            + (sorted.length - distinct)
                                            + " repeated event uids) + dead letters "
                                            + deadLetters[0]
                                            + " of normalization; input "
                                            + report.eventsIn
                                            + " ("
                                            + audit.resolve(AuditStage.EVENTS)
                                            + ", "
                                            + audit.resolve(AuditStage.DEAD_LETTERS)
                                            + ")")));
        }
    }

    private List<String> inputPlaces(LongBag keys) {
        Set<Long> wanted = listed(keys);
        List<String> out = new ArrayList<>();
        input.forEach(
                (text, place) -> {
                    if (wanted.remove(RecordKeys.of(text))) {
                        out.add(
                                "input "
                                        + place
                                        + " not in "
                                        + audit.resolve(AuditStage.RAW)
                                        + ": "
                                        + shortened(text));
                    }
                });
        return out;
    }

    private List<String> rawPlaces(LongBag keys) {
        Set<Long> wanted = listed(keys);
        List<String> out = new ArrayList<>();
        AuditTrail.forEach(
                audit,
                AuditStage.RAW,
                (r, file) -> {
                    if (wanted.contains(RecordKeys.of(r.path("payload").asText()))) {
                        out.add(
                                r.path("origin").asText()
                                        + " in "
                                        + file
                                        + ": "
                                        + shortened(r.path("payload").asText()));
                    }
                });
        return out;
    }

    private static Set<Long> listed(LongBag keys) {
        Set<Long> out = new HashSet<>();
        long[] all = keys.sorted();
        for (int i = 0; i < all.length && out.size() < Violation.MAX_LISTED; i++) {
            out.add(all[i]);
        }
        return out;
    }

    static String shortened(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
