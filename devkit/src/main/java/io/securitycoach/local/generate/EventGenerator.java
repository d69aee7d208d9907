package io.securitycoach.local.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.UserRecord;
import io.securitycoach.schema.Json;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded, reproducible generator of realistic vendor records for every built-in vendor, and of
 * the directory they refer to. Record {@code n} depends only on the settings and {@code n}, so a
 * Flink source can generate in parallel ({@code fromSequence(...).map(generator::event)}) and files
 * are the same on every run. A share of records is risky (what the rule library coaches on) and a
 * share is malformed (what normalization must dead-letter).
 */
public final class EventGenerator implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final List<String> VENDORS =
            List.of("okta", "zscaler", "proofpoint", "crowdstrike", "netskope", "defender");
    private static final DateTimeFormatter NSS =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ENGLISH)
                    .withZone(ZoneOffset.UTC);
    private static final String[] CATEGORIES = {
        "News and Media",
        "Professional Services",
        "Social Networking",
        "Shopping",
        "Corporate Marketing",
        "Computer Security",
        "Online and Other Storage"
    };
    private static final String[] RISKY_CATEGORIES = {
        "Gambling", "Phishing", "Newly Registered Domains", "Pornography"
    };

    private final int orgs;
    private final int usersPerOrg;
    private final double riskyShare;
    private final double malformedShare;
    private final long seed;
    private final long startMillis;
    private final long stepMillis;

    /**
     * @param eventsPerSecond of event time: record n happens at start + n / rate seconds
     */
    public EventGenerator(
            int orgs,
            int usersPerOrg,
            double riskyShare,
            double malformedShare,
            long seed,
            long startMillis,
            double eventsPerSecond) {
        this.orgs = orgs;
        this.usersPerOrg = usersPerOrg;
        this.riskyShare = riskyShare;
        this.malformedShare = malformedShare;
        this.seed = seed;
        this.startMillis = startMillis;
        this.stepMillis = Math.max(1, (long) (1000 / eventsPerSecond));
    }

    public String org(int o) {
        return "org-" + o;
    }

    /** User {@code u} (0 .. orgs x usersPerOrg - 1) of the directory. */
    public UserRecord user(long u) {
        int o = (int) (u % orgs);
        long i = u / orgs;
        UserRecord r = new UserRecord();
        r.orgId = org(o);
        r.userId = "u" + i;
        r.version = 1;
        r.email = email(o, i);
        r.aliases = new String[] {"user" + i, "CORP\\user" + i};
        r.firstName = "First" + (i % 97);
        r.lastName = "Last" + (i % 89);
        r.department =
                new String[] {"Finance", "Engineering", "Sales", "Marketing", "Security"}
                        [(int) (i % 5)];
        r.title = r.department + " staff";
        r.location = "City " + (i % 11);
        return r;
    }

    public long users() {
        return (long) orgs * usersPerOrg;
    }

    /**
     * Record {@code n}: its org, vendor and one line of the vendor's JSON (or a malformed line).
     */
    public RawEvent event(long n) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
        int o = random.nextInt(orgs);
        long i = random.nextLong(usersPerOrg);
        String vendor = VENDORS.get(random.nextInt(VENDORS.size()));
        boolean risky = random.nextDouble() < riskyShare;
        long time = startMillis + n * stepMillis;
        String line;
        if (random.nextDouble() < malformedShare) {
            line = malformed(random, vendor, o, i, time, n);
        } else {
            line = Json.write(record(vendor, random, o, i, time, n, risky));
        }
        return new RawEvent(org(o), vendor, line, "generator:" + n, time);
    }

    private ObjectNode record(
            String vendor,
            SplittableRandom random,
            int o,
            long i,
            long time,
            long n,
            boolean risky) {
        ObjectNode r = Json.mapper().createObjectNode();
        String email = email(o, i);
        String id = "gen-" + seed + "-" + n;
        switch (vendor) {
            case "okta":
                return okta(r, random, id, email, i, time, risky);
            case "zscaler":
                return zscaler(r, random, id, email, i, time, risky);
            case "proofpoint":
                return proofpoint(r, random, id, email, o, time, risky);
            case "crowdstrike":
                return crowdstrike(r, id, email, i, time, n, risky);
            case "netskope":
                return netskope(r, id, email, o, time, risky);
            default:
                return defender(r, id, email, i, time, risky);
        }
    }

    private static ObjectNode okta(
            ObjectNode r,
            SplittableRandom random,
            String id,
            String email,
            long i,
            long time,
            boolean risky) {
        r.put("uuid", id)
                .put("published", Instant.ofEpochMilli(time).toString())
                .put("version", "0");
        String type = risky ? "user.mfa.okta_verify.deny_push" : "user.session.start";
        r.put("eventType", type)
                .put("severity", risky ? "WARN" : "INFO")
                .put(
                        "displayMessage",
                        risky ? "User rejected Okta push verify" : "User login to Okta");
        r.putObject("actor")
                .put("id", "00u" + i)
                .put("type", "User")
                .put("alternateId", email)
                .put("displayName", "User " + i);
        r.putObject("client").put("ipAddress", "198.51.100." + (1 + random.nextInt(254)));
        r.putObject("outcome").put("result", risky ? "FAILURE" : "SUCCESS");
        return r;
    }

    private static ObjectNode zscaler(
            ObjectNode r,
            SplittableRandom random,
            String id,
            String email,
            long i,
            long time,
            boolean risky) {
        ObjectNode e = r.put("sourcetype", "zscalernss-web").putObject("event");
        String category =
                risky
                        ? RISKY_CATEGORIES[random.nextInt(RISKY_CATEGORIES.length)]
                        : CATEGORIES[random.nextInt(CATEGORIES.length)];
        e.put("datetime", NSS.format(Instant.ofEpochMilli(time)))
                .put("epochtime", time / 1000)
                .put("recordid", id)
                .put("user", random.nextInt(5) == 0 ? "CORP\\user" + i : email)
                .put("urlcategory", category)
                .put("url", "site" + random.nextInt(5000) + ".example/path")
                .put("action", risky && random.nextBoolean() ? "Blocked" : "Allowed")
                .put("reason", "Allowed")
                .put("requestmethod", "GET")
                .put("appname", "General Browsing")
                .put("threatname", "None")
                .put("devicehostname", "LT-" + i);
        return r;
    }

    private static ObjectNode proofpoint(
            ObjectNode r,
            SplittableRandom random,
            String id,
            String email,
            int o,
            long time,
            boolean risky) {
        r.put("feed", risky ? "clicksPermitted" : "messagesDelivered");
        if (risky) {
            r.put("id", id)
                    .put("clickTime", Instant.ofEpochMilli(time).toString())
                    .put("recipient", email)
                    .put("classification", "phish")
                    .put("url", "http://login-" + o + ".badguy.test/verify")
                    .put("sender", "it-support@badguy.test")
                    .put("clickIP", "192.0.2." + (1 + random.nextInt(254)));
        } else {
            r.put("GUID", id)
                    .put("messageTime", Instant.ofEpochMilli(time).toString())
                    .put("subject", "Weekly report")
                    .put("sender", "reports@partner.test")
                    .putArray("recipient")
                    .add(email);
        }
        return r;
    }

    private static ObjectNode crowdstrike(
            ObjectNode r, String id, String email, long i, long time, long n, boolean risky) {
        ObjectNode meta = r.putObject("metadata");
        meta.put("eventType", risky ? "DetectionSummaryEvent" : "AuthActivityAuditEvent")
                .put("eventCreationTime", time)
                .put("offset", n)
                .put("customerIDString", "gen");
        ObjectNode e = r.putObject("event");
        if (risky) {
            e.put("DetectId", id)
                    .put("DetectName", "Credential Dumping")
                    .put("SeverityName", "High")
                    .put("Tactic", "Credential Access")
                    .put("Technique", "OS Credential Dumping")
                    .put("UserName", "user" + i)
                    .put("MachineDomain", "CORP")
                    .put("ComputerName", "LT-" + i)
                    .put("FileName", "procdump.exe")
                    .put("CommandLine", "procdump.exe -ma lsass.exe")
                    .put("PatternDispositionDescription", "Detection, standard detection.");
        } else {
            e.put("UserId", email)
                    .put("OperationName", "userAuthenticate")
                    .put("Success", true)
                    .put("UTCTimestamp", time);
        }
        return r;
    }

    private ObjectNode netskope(
            ObjectNode r, String id, String email, int o, long time, boolean risky) {
        r.put("_id", id)
                .put("timestamp", time / 1000)
                .put("user", email)
                .put("userkey", email)
                .put("ucg", org(o));
        if (risky) {
            r.put("type", "nspolicy")
                    .put("alert", "yes")
                    .put("alert_type", "DLP")
                    .put("alert_name", "PCI upload")
                    .put("activity", "Upload")
                    .put("app", "Google Drive")
                    .put("dlp_profile", "PCI")
                    .put("dlp_file", "cards.xlsx")
                    .put("instance_type", "personal")
                    .put("action", "alert");
        } else {
            r.put("type", "application")
                    .put("activity", "Browse")
                    .put("app", "Salesforce")
                    .put("appcategory", "CRM");
        }
        return r;
    }

    private static ObjectNode defender(
            ObjectNode r, String id, String email, long i, long time, boolean risky) {
        r.put("id", id)
                .put("createdDateTime", Instant.ofEpochMilli(time).toString())
                .put("serviceSource", "microsoftDefenderForEndpoint")
                .put("severity", risky ? "high" : "informational")
                .put("title", risky ? "Suspicious PowerShell command line" : "Informational alert")
                .put("category", risky ? "Execution" : "Discovery");
        ArrayNode evidence = r.putArray("evidence");
        evidence.addObject()
                .put("@odata.type", "#microsoft.graph.security.userEvidence")
                .putObject("userAccount")
                .put("userPrincipalName", email)
                .put("accountName", "user" + i)
                .put("domainName", "CORP");
        evidence.addObject()
                .put("@odata.type", "#microsoft.graph.security.deviceEvidence")
                .put("deviceDnsName", "lt-" + i + ".corp");
        return r;
    }

    private static String malformed(
            SplittableRandom random, String vendor, int o, long i, long time, long n) {
        switch (random.nextInt(3)) {
            case 0:
                return "{\"truncated\": \"record " + n;
            case 1:
                return "[\"not\", \"an\", \"object\"]";
            default:
                return "{\"uuid\": \"x"
                        + n
                        + "\", \"eventType\": \"user.session.start\", \"published\": null,"
                        + " \"actor\": {}}";
        }
    }

    private static String email(int o, long i) {
        return "user" + i + "@org-" + o + ".example";
    }
}
