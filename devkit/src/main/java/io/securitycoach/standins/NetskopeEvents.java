package io.securitycoach.standins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated Netskope data export records in the documented shapes (invented values): alerts by type
 * (DLP uploads, malware, malsites, policy, UBA, compromised credentials) and application and page
 * events, by data export stream. A few in each stream are "late": stored after the others with an
 * earlier timestamp, as events reach Netskope's export late.
 */
public final class NetskopeEvents {
    /** Streams in the order records are dealt to them. */
    public static final List<String> STREAMS =
            List.of(
                    "alerts/dlp",
                    "alerts/malware",
                    "alerts/malsite",
                    "alerts/policy",
                    "alerts/uba",
                    "alerts/compromisedcredential",
                    "events/application",
                    "events/page");

    private NetskopeEvents() {}

    /** {@code count} records for {@code emails}, a minute apart from {@code start}, by stream. */
    public static Map<String, List<String>> generate(
            String org, List<String> emails, int count, Instant start, long seed) {
        Random random = new Random(seed);
        Map<String, List<String>> byStream = new LinkedHashMap<>();
        STREAMS.forEach(s -> byStream.put(s, new ArrayList<>()));
        for (int i = 0; i < count; i++) {
            String stream = STREAMS.get(i % STREAMS.size());
            String email = emails.get(random.nextInt(emails.size()));
            // every 25th is late: an hour older than its neighbours, stored after them
            long ts = start.getEpochSecond() + 60L * i - (i % 25 == 24 ? 1800 : 0);
            String id = String.format("%08x%016x", org.hashCode(), random.nextLong());
            byStream.get(stream).add(record(stream, id, ts, email, i, random));
        }
        return byStream;
    }

    /** Every record of every stream. */
    public static List<String> all(Map<String, List<String>> byStream) {
        List<String> all = new ArrayList<>();
        byStream.values().forEach(all::addAll);
        return all;
    }

    private static String record(
            String stream, String id, long ts, String email, int i, Random random) {
        String common =
                "{\"_id\": \""
                        + id
                        + "\", \"timestamp\": "
                        + ts
                        + ", \"user\": \""
                        + email
                        + "\", \"userkey\": \""
                        + email
                        + "\", \"ucg\": \"default\", \"access_method\": \"Client\","
                        + " \"srcip\": \"10.40."
                        + (i % 200)
                        + "."
                        + (1 + random.nextInt(250))
                        + "\", \"hostname\": \"ACME-LT-"
                        + (1000 + i % 90)
                        + "\", ";
        switch (stream) {
            case "alerts/dlp":
                return common
                        + "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"DLP\","
                        + " \"alert_name\": \"Customer records to personal storage\","
                        + " \"app\": \"Google Drive\", \"appcategory\": \"Cloud Storage\","
                        + " \"activity\": \"Upload\", \"instance_type\": \"personal\","
                        + " \"url\": \"https://drive.google.example/upload\","
                        + " \"dlp_profile\": \"PII\", \"dlp_rule\": \"Customer export\","
                        + " \"dlp_file\": \"customers-"
                        + i
                        + ".csv\", \"file_type\": \"csv\", \"action\": \"block\","
                        + " \"severity\": \"high\"}";
            case "alerts/malware":
                return common
                        + "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"Malware\","
                        + " \"alert_name\": \"Malware in download\", \"app\": \"Box\","
                        + " \"activity\": \"Download\", \"malware_name\": \"Trojan.Demo."
                        + i
                        + "\", \"file_name\": \"invoice-"
                        + i
                        + ".exe\", \"action\": \"block\", \"severity\": \"high\"}";
            case "alerts/malsite":
                return common
                        + "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"malsite\","
                        + " \"alert_name\": \"Known phishing site\","
                        + " \"url\": \"http://login-check-"
                        + i
                        + ".example/portal\", \"appcategory\": \"Phishing\","
                        + " \"action\": \"alert\", \"severity\": \"critical\"}";
            case "alerts/policy":
                return common
                        + "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"policy\","
                        + " \"alert_name\": \"Gambling blocked\", \"policy\": \"Block gambling\","
                        + " \"url\": \"https://cards-"
                        + i
                        + ".example/\", \"appcategory\": \"Gambling\", \"action\": \"block\"}";
            case "alerts/uba":
                return common
                        + "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"uba\","
                        + " \"alert_name\": \"Bulk download\", \"app\": \"Salesforce\","
                        + " \"activity\": \"Download\", \"action\": \"alert\","
                        + " \"severity\": \"medium\"}";
            case "alerts/compromisedcredential":
                return common
                        + "\"type\": \"nspolicy\", \"alert\": \"yes\","
                        + " \"alert_type\": \"Compromised Credential\","
                        + " \"alert_name\": \"Credentials in a breach\","
                        + " \"matched_username\": \""
                        + email
                        + "\", \"breach_id\": \"demo-breach-"
                        + (i % 7)
                        + "\"}";
            case "events/application":
                return common
                        + "\"type\": \"nspolicy\", \"app\": \"Slack\", \"appcategory\":"
                        + " \"Collaboration\", \"activity\": \"Post\", \"action\": \"allow\"}";
            default:
                return common
                        + "\"type\": \"connection\", \"site\": \"News\", \"url\": \"https://news-"
                        + i
                        + ".example/\", \"appcategory\": \"News & Media\", \"action\":"
                        + " \"allow\"}";
        }
    }
}
