package io.securitycoach.standins;

import io.securitycoach.integrations.vendors.NetskopeDataExport;
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
    /** The streams the integration reads, in the order records are dealt to them. */
    public static final List<String> STREAMS = NetskopeDataExport.STREAMS;

    /** Each stream's own fields ({@code %1$d} the record's number, {@code %2$s} the person). */
    private static final Map<String, String> SHAPES =
            Map.of(
                    "alerts/dlp",
                    "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"DLP\","
                            + " \"alert_name\": \"Customer records to personal storage\","
                            + " \"app\": \"Google Drive\", \"appcategory\": \"Cloud Storage\","
                            + " \"activity\": \"Upload\", \"instance_type\": \"personal\","
                            + " \"url\": \"https://drive.google.example/upload\","
                            + " \"dlp_profile\": \"PII\", \"dlp_rule\": \"Customer export\","
                            + " \"dlp_file\": \"customers-%1$d.csv\", \"file_type\": \"csv\","
                            + " \"action\": \"block\", \"severity\": \"high\"",
                    "alerts/malware",
                    "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"Malware\","
                            + " \"alert_name\": \"Malware in download\", \"app\": \"Box\","
                            + " \"activity\": \"Download\", \"malware_name\": \"Trojan.Demo.%1$d\","
                            + " \"file_name\": \"invoice-%1$d.exe\", \"action\": \"block\","
                            + " \"severity\": \"high\"",
                    "alerts/malsite",
                    "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"malsite\","
                            + " \"alert_name\": \"Known phishing site\","
                            + " \"url\": \"http://login-check-%1$d.example/portal\","
                            + " \"appcategory\": \"Phishing\", \"action\": \"alert\","
                            + " \"severity\": \"critical\"",
                    "alerts/policy",
                    "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"policy\","
                        + " \"alert_name\": \"Gambling blocked\", \"policy\": \"Block gambling\","
                        + " \"url\": \"https://cards-%1$d.example/\", \"appcategory\":"
                        + " \"Gambling\", \"action\": \"block\"",
                    "alerts/uba",
                    "\"type\": \"nspolicy\", \"alert\": \"yes\", \"alert_type\": \"uba\","
                            + " \"alert_name\": \"Bulk download\", \"app\": \"Salesforce\","
                            + " \"activity\": \"Download\", \"action\": \"alert\","
                            + " \"severity\": \"medium\"",
                    "alerts/compromisedcredential",
                    "\"type\": \"nspolicy\", \"alert\": \"yes\","
                            + " \"alert_type\": \"Compromised Credential\","
                            + " \"alert_name\": \"Credentials in a breach\","
                            + " \"matched_username\": \"%2$s\", \"breach_id\": \"demo-breach\"",
                    "events/application",
                    "\"type\": \"nspolicy\", \"app\": \"Slack\", \"appcategory\":"
                            + " \"Collaboration\", \"activity\": \"Post\", \"action\": \"allow\"",
                    "events/page",
                    "\"type\": \"connection\", \"site\": \"News\","
                            + " \"url\": \"https://news-%1$d.example/\","
                            + " \"appcategory\": \"News & Media\", \"action\": \"allow\"");

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
        return common + String.format(SHAPES.get(stream), i, email) + "}";
    }
}
