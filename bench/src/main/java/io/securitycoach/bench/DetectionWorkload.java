package io.securitycoach.bench;

import io.securitycoach.schema.SecurityEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Rules spread over 100 orgs and a seeded event mix for the detection benchmark: half the rules are
 * web rules on a URL category, half auth rules on an activity, each for its own org; events fall in
 * all orgs and both classes, and a small share matches some rule.
 */
public final class DetectionWorkload {
    static final int ORGS = 100;
    static final int CATEGORIES = 400;
    static final int ACTIVITIES = 200;

    public final List<String[]> rules = new ArrayList<>(); // {org, ruleId, "web"|"auth", value}
    public final SecurityEvent[] events;

    public DetectionWorkload(int ruleCount, int eventCount, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < ruleCount; i++) {
            String org = "org-" + (i % ORGS);
            boolean web = i % 2 == 0;
            rules.add(
                    new String[] {
                        org,
                        "rule-" + i,
                        web ? "web" : "auth",
                        web
                                ? "Category " + random.nextInt(CATEGORIES)
                                : "activity." + random.nextInt(ACTIVITIES)
                    });
        }
        events = new SecurityEvent[eventCount];
        for (int i = 0; i < eventCount; i++) {
            SecurityEvent e = new SecurityEvent();
            e.orgId = "org-" + random.nextInt(ORGS);
            e.eventUid = "ev-" + i;
            e.eventTime = 1_795_170_000_000L + i * 1000L;
            e.identityKey = "user" + random.nextInt(1000) + "@" + e.orgId + ".example";
            e.actorEmail = e.identityKey;
            if (random.nextBoolean()) {
                e.vendor = "zscaler";
                e.eventClass = "web";
                e.urlCategory = "Category " + random.nextInt(CATEGORIES);
                e.urlHost = "site" + random.nextInt(10_000) + ".example";
                e.action = "allowed";
            } else {
                e.vendor = "okta";
                e.eventClass = "auth";
                e.activity = "activity." + random.nextInt(ACTIVITIES);
                e.outcome = "success";
            }
            events[i] = e;
        }
    }

    public String ruleYaml(String[] r) {
        String field = "web".equals(r[2]) ? "url_category" : "activity";
        return "id: "
                + r[1]
                + "\norg: "
                + r[0]
                + "\nwhen: event.class == '"
                + r[2]
                + "' && event."
                + field
                + " == '"
                + r[3]
                + "'\n"
                + "coach: {module: m, channels: [slack], message: '{summary}'}\n";
    }

    /**
     * How many (event, rule) matches the workload has, by plain string comparison: both engines
     * must agree.
     */
    public long expectedMatches() {
        Map<String, Long> rulesByFilter = new HashMap<>();
        for (String[] r : rules) {
            rulesByFilter.merge(r[0] + "|" + r[2] + "|" + r[3], 1L, Long::sum);
        }
        long matches = 0;
        for (SecurityEvent e : events) {
            String value = "web".equals(e.eventClass) ? e.urlCategory : e.activity;
            matches += rulesByFilter.getOrDefault(e.orgId + "|" + e.eventClass + "|" + value, 0L);
        }
        return matches;
    }

    public String epl(String[] r) {
        String field = "web".equals(r[2]) ? "url_category" : "activity";
        return "@name('"
                + r[1]
                + "') select event_uid from Event(org_id='"
                + r[0]
                + "', class='"
                + r[2]
                + "', "
                + field
                + "='"
                + r[3]
                + "');\n";
    }
}
