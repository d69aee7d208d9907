package io.securitycoach.savepoints;

import io.securitycoach.control.OrgSettingsValidator;
import io.securitycoach.control.SnapshotWait;
import io.securitycoach.detect.RuleDetector;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.normalize.NormalizeFunction;
import io.securitycoach.normalize.parsers.CompiledParser;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.normalize.parsers.ParserConfigException;
import io.securitycoach.notify.NotificationPlanner;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.rules.RuleDefinition;
import io.securitycoach.rules.RuleIndex;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.rules.RuleRejectedException;
import io.securitycoach.schema.Json;
import io.securitycoach.validation.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The broadcast state a job has once it has read a rules folder, parsing configurations and org
 * settings (and the end of the initial snapshot): validated as the job validates them, so what it
 * would reject stops the bootstrap with the errors instead.
 */
public final class ControlSnapshot {
    private final Map<String, RuleDefinition> rules = new TreeMap<>();
    private final Map<String, OrgSettings> settings = new TreeMap<>();
    private final Map<String, ControlMessage> parsers = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();

    /**
     * @param parsersDir null for none; @param settingsFile null for none
     */
    public static ControlSnapshot read(Path rulesDir, Path parsersDir, Path settingsFile)
            throws IOException {
        ControlSnapshot s = new ControlSnapshot();
        for (ControlMessage m : RuleFiles.snapshot(rulesDir)) {
            if (ControlMessage.RULE_UPSERT.equals(m.type)) {
                s.rule(m);
            }
        }
        if (parsersDir != null) {
            RuleFiles.parsers(parsersDir).forEach(s::parser);
        }
        if (settingsFile != null) {
            for (String line : Files.readAllLines(settingsFile)) {
                if (!line.isBlank()) {
                    s.settings(Json.mapper().readValue(line, ControlMessage.class), settingsFile);
                }
            }
        }
        return s;
    }

    public List<String> errors() {
        return errors;
    }

    public int ruleCount() {
        return rules.size();
    }

    private void rule(ControlMessage m) {
        try {
            RuleDefinition def = RuleParser.parse(m.payload, m.source);
            new RuleIndex().compiler().compile(def);
            rules.put(def.key(), def);
        } catch (RuleRejectedException e) {
            errors.add(m.source + ": " + e.problems());
        }
    }

    private void parser(ControlMessage m) {
        try {
            CompiledParser compiled = ParserCompiler.compile(m.payload, m.source);
            ControlMessage stored = ControlMessage.parserUpsert(m.payload, m.source);
            stored.orgId = compiled.orgId();
            stored.ruleId = compiled.vendor();
            stored.version = compiled.version();
            parsers.put(compiled.orgId() + "/" + compiled.vendor(), stored);
        } catch (ParserConfigException e) {
            errors.add(m.source + ": " + e.messages());
        }
    }

    private void settings(ControlMessage m, Path file) {
        Problems problems = new Problems();
        if (!ControlMessage.ORG_SETTINGS.equals(m.type) || m.orgId == null || m.orgId.isBlank()) {
            problems.addGeneral(
                    "expected {\"type\": \"org_settings\", \"org_id\": ..., \"version\": ...,"
                            + " \"payload\": ...}");
        } else {
            OrgSettings parsed =
                    OrgSettingsValidator.parse(m.orgId, m.version, m.payload, problems);
            if (problems.isEmpty()) {
                settings.put(m.orgId, parsed);
            }
        }
        problems.list().forEach(p -> errors.add(p.in(file.toString()).toString()));
    }

    /** The detect stage's broadcast state: rules, and the initial snapshot complete. */
    public BroadcastEntries detect() {
        return new BroadcastEntries()
                .add(RuleDetector.RULES, rules)
                .add(RuleDetector.CONTROL, Map.of(SnapshotWait.KEY, true));
    }

    /** The notify stage's broadcast state: org settings. */
    public BroadcastEntries plan() {
        return new BroadcastEntries().add(NotificationPlanner.ORG_SETTINGS, settings);
    }

    /**
     * The normalize stage's broadcast state: parsing configurations, and the initial snapshot
     * complete.
     */
    public BroadcastEntries normalize() {
        return new BroadcastEntries()
                .add(NormalizeFunction.PARSERS, parsers)
                .add(NormalizeFunction.PARSERS_READY, Map.of(SnapshotWait.KEY, true));
    }
}
