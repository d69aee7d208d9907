package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.control.ControlChannel;
import io.securitycoach.jobs.wiring.SourceOptions;
import io.securitycoach.schema.OrgIds;
import io.securitycoach.validation.Problems;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which control stream is whose channel: {@code Rules.kinesis.stream} is the operator's, each entry
 * {@code stream=org} of {@code Rules.kinesis.org-streams} that org's own (writers get put rights on
 * their org's stream only). A stream the job reads but does not list is the operator's.
 */
public final class ControlChannels implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final LinkedHashMap<String, String> orgByStream;
    private final String operatorStream;

    ControlChannels(String operatorStream, LinkedHashMap<String, String> orgByStream) {
        this.operatorStream = operatorStream;
        this.orgByStream = orgByStream;
    }

    public static ControlChannels from(CoachConfig config) {
        LinkedHashMap<String, String> orgs = new LinkedHashMap<>();
        Problems problems = new Problems();
        String key = KinesisOptions.RULES_ORG_STREAMS.id();
        String operator = config.getOptional(SourceOptions.RULES_STREAM).orElse(null);
        for (String entry : config.get(KinesisOptions.RULES_ORG_STREAMS)) {
            String[] streamAndOrg = entry.split("=", -1);
            if (streamAndOrg.length != 2 || !NAME.matcher(streamAndOrg[0]).matches()) {
                problems.add(key, "'" + entry + "' is not stream=org (e.g. acme-control=acme)");
            } else if (!OrgIds.isValid(streamAndOrg[1])) {
                problems.add(key, "'" + entry + "': " + OrgIds.problem(streamAndOrg[1]));
            } else if (streamAndOrg[0].equals(operator)) {
                problems.add(
                        key,
                        "'" + entry + "': that is the operator's stream (Rules.kinesis.stream)");
            } else if (orgs.put(streamAndOrg[0], streamAndOrg[1]) != null) {
                problems.add(key, "stream '" + streamAndOrg[0] + "' is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ControlChannels(operator, orgs);
    }

    /** Every control stream to read: the operator's (if any), then the orgs'. */
    public List<String> streams() {
        List<String> all = new ArrayList<>();
        if (operatorStream != null) {
            all.add(operatorStream);
        }
        all.addAll(orgByStream.keySet());
        return all;
    }

    public boolean isEmpty() {
        return streams().isEmpty();
    }

    /** The channel a stream is. */
    public ControlChannel of(String stream) {
        String org = orgByStream.get(stream);
        return org == null ? ControlChannel.OPERATOR : ControlChannel.ofOrg(org);
    }

    /** Only the operator's stream (tests, and jobs without per-org streams). */
    public static ControlChannels operatorOnly() {
        return new ControlChannels(null, new LinkedHashMap<>());
    }

    /** Streams as given: {@code stream -> org} (tests). */
    public static ControlChannels of(String operatorStream, Map<String, String> orgs) {
        return new ControlChannels(operatorStream, new LinkedHashMap<>(orgs));
    }
}
