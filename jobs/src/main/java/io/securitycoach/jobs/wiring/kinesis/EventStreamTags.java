package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.config.ConfigFiles;
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
 * Which org and vendor each event stream carries ({@code Events.kinesis.streams}, entries {@code
 * stream=org/vendor}): a vendor stream is one customer's feed, as a drop folder is.
 */
public final class EventStreamTags implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final LinkedHashMap<String, String[]> tags;

    private EventStreamTags(LinkedHashMap<String, String[]> tags) {
        this.tags = tags;
    }

    public static EventStreamTags from(CoachConfig config) {
        LinkedHashMap<String, String[]> tags = new LinkedHashMap<>();
        Problems problems = new Problems();
        for (String entry : entries(config)) {
            String[] streamAndTag = entry.split("=", -1);
            String[] orgVendor =
                    streamAndTag.length == 2 ? streamAndTag[1].split("/", -1) : new String[0];
            if (orgVendor.length != 2
                    || !NAME.matcher(streamAndTag[0]).matches()
                    || !NAME.matcher(orgVendor[0]).matches()
                    || !NAME.matcher(orgVendor[1]).matches()) {
                problems.add(
                        SourceOptions.EVENT_STREAMS.id(),
                        "'" + entry + "' is not stream=org/vendor (e.g. okta-events=acme/okta)");
            } else if (!OrgIds.isValid(orgVendor[0])) {
                problems.add(
                        SourceOptions.EVENT_STREAMS.id(),
                        "'" + entry + "': " + OrgIds.problem(orgVendor[0]));
            } else if (tags.put(streamAndTag[0], orgVendor) != null) {
                problems.add(
                        SourceOptions.EVENT_STREAMS.id(),
                        "stream '" + streamAndTag[0] + "' is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new EventStreamTags(tags);
    }

    /**
     * Events.kinesis.streams, then the entries of Events.kinesis.streams.file (for lists too long
     * for one value).
     */
    private static List<String> entries(CoachConfig config) {
        List<String> entries = new ArrayList<>(config.get(SourceOptions.EVENT_STREAMS));
        config.getOptional(SourceOptions.EVENT_STREAMS_FILE)
                .ifPresent(
                        file ->
                                entries.addAll(
                                        ConfigFiles.entries(
                                                SourceOptions.EVENT_STREAMS_FILE, file)));
        return entries;
    }

    public List<String> streams() {
        return new ArrayList<>(tags.keySet());
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    /** {org, vendor} of {@code stream}, or null for a stream not configured. */
    public String[] tagOf(String stream) {
        return tags.get(stream);
    }

    Map<String, String[]> asMap() {
        return tags;
    }
}
