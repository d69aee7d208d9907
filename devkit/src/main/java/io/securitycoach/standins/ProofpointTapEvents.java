package io.securitycoach.standins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Invented Proofpoint TAP SIEM records for a stand-in, in the shapes the SIEM API documents: clicks
 * permitted and blocked on URLs found malicious, messages with threats delivered and blocked, about
 * the given people, {@code spacingSeconds} apart. Values are made up; the domains are {@code
 * .test}.
 */
public final class ProofpointTapEvents {
    /** One record and the array of {@code /v2/siem/all} it belongs to. */
    public static final class TapRecord {
        public final String array;
        public final String json;

        /** What the integration keys it by: the array and the click id or message GUID. */
        public final String key;

        public final Instant time;

        TapRecord(String array, String json, String key, Instant time) {
            this.array = array;
            this.json = json;
            this.key = key;
            this.time = time;
        }
    }

    static final String[] ARRAYS = {
        "clicksPermitted", "clicksBlocked", "messagesDelivered", "messagesBlocked"
    };
    private static final String[] CLASSIFICATIONS = {"phish", "malware", "phish", "spam"};

    private ProofpointTapEvents() {}

    /** {@code count} records from {@code start}, {@code spacingSeconds} apart. */
    public static List<TapRecord> generate(
            String prefix, List<String> emails, int count, Instant start, long spacingSeconds) {
        Random random = new Random(prefix.hashCode());
        List<TapRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = emails.get(random.nextInt(emails.size()));
            String array = ARRAYS[random.nextInt(ARRAYS.length)];
            Instant time = start.plusSeconds(i * spacingSeconds);
            String id = String.format("%s-%04x-4a1c-9e2b-%012x", prefix, i & 0xffff, (long) i);
            String classification = CLASSIFICATIONS[random.nextInt(CLASSIFICATIONS.length)];
            boolean click = array.startsWith("clicks");
            String json =
                    click
                            ? click(id, email, time, classification, random)
                            : message(id, email, time, classification, array, random);
            records.add(new TapRecord(array, json, array + ":" + id, time));
        }
        return records;
    }

    private static String click(
            String id, String email, Instant time, String classification, Random random) {
        String threat = threatId(random);
        return "{\"campaignId\": null, \"classification\": \""
                + classification
                + "\", \"clickIP\": \"198.51.100."
                + (1 + random.nextInt(200))
                + "\", \"clickTime\": \""
                + time
                + "\", \"GUID\": \"msg-"
                + id
                + "\", \"id\": \""
                + id
                + "\", \"messageID\": \"<"
                + id
                + "@mail.supplier.test>\", \"recipient\": \""
                + email
                + "\", \"sender\": \"billing@invoices-supplier.test\", \"senderIP\":"
                + " \"203.0.113.9\", \"threatID\": \""
                + threat
                + "\", \"threatTime\": \""
                + time.minusSeconds(300)
                + "\", \"threatURL\": \"https://threatinsight.example.test/threat/"
                + threat
                + "\", \"threatStatus\": \"active\", \"url\":"
                + " \"http://login-check.badguy.test/session/"
                + random.nextInt(1000)
                + "\", \"userAgent\": \"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"}";
    }

    private static String message(
            String id,
            String email,
            Instant time,
            String classification,
            String array,
            Random random) {
        boolean blocked = "messagesBlocked".equals(array);
        String threat = threatId(random);
        return "{\"GUID\": \""
                + id
                + "\", \"QID\": \"r2K"
                + Integer.toHexString(random.nextInt())
                + "\", \"messageID\": \"<"
                + id
                + "@mail.supplier.test>\", \"messageTime\": \""
                + time
                + "\", \"sender\": \"billing@invoices-supplier.test\", \"fromAddress\":"
                + " [\"billing@invoices-supplier.test\"], \"headerFrom\": \"\\\"Billing\\\""
                + " <billing@invoices-supplier.test>\", \"recipient\": [\""
                + email
                + "\"], \"toAddresses\": [\""
                + email
                + "\"], \"ccAddresses\": [], \"subject\": \"Overdue invoice "
                + random.nextInt(10_000)
                + "\", \"senderIP\": \"203.0.113.9\", \"phishScore\": "
                + (classification.equals("phish") ? 96 : 10)
                + ", \"spamScore\": 40, \"malwareScore\": "
                + (classification.equals("malware") ? 100 : 0)
                + ", \"impostorScore\": 0, \"messageSize\": 20480, \"quarantineFolder\": "
                + (blocked ? "\"Phish\"" : "null")
                + ", \"quarantineRule\": "
                + (blocked ? "\"phish-block\"" : "null")
                + ", \"policyRoutes\": [\"default_inbound\"], \"modulesRun\": [\"urldefense\","
                + " \"sandbox\"], \"completelyRewritten\": true, \"threatsInfoMap\":"
                + " [{\"threatID\": \""
                + threat
                + "\", \"threatStatus\": \"active\", \"classification\": \""
                + classification
                + "\", \"threatType\": \"url\", \"threat\":"
                + " \"http://login-check.badguy.test/session\", \"threatTime\": \""
                + time.minusSeconds(60)
                + "\", \"threatUrl\": \"https://threatinsight.example.test/threat/"
                + threat
                + "\"}], \"messageParts\": [{\"disposition\": \"inline\", \"contentType\":"
                + " \"text/html\", \"filename\": \"text.html\", \"sha256\": \""
                + threatId(random)
                + "\"}]}";
    }

    private static String threatId(Random random) {
        StringBuilder hex = new StringBuilder(64);
        while (hex.length() < 64) {
            hex.append(String.format("%08x", random.nextInt()));
        }
        return hex.toString();
    }
}
