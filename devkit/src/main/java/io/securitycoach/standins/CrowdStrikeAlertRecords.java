package io.securitycoach.standins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Invented CrowdStrike Falcon Alerts API v2 alerts for a stand-in, in the shape of {@code POST
 * /alerts/entities/alerts/v2}'s resources: endpoint detections of the given people (prevented with
 * the process killed, detect-only where prevention was off, plain detections) and, every seventh,
 * an Identity Protection alert; each with all 28 {@code pattern_disposition_details} flags.
 */
public final class CrowdStrikeAlertRecords {
    /** The Alerts v2 disposition flags, in the order CrowdStrike lists them. */
    static final String[] FLAGS = {
        "blocking_unsupported_or_disabled",
        "bootup_safeguard_enabled",
        "containment_file_system",
        "critical_process_disabled",
        "detect",
        "fs_operation_blocked",
        "handle_operation_downgraded",
        "inddet_mask",
        "indicator",
        "kill_action_failed",
        "kill_parent",
        "kill_process",
        "kill_subprocess",
        "mfa_required",
        "operation_blocked",
        "policy_disabled",
        "prevention_provisioning_enabled",
        "process_blocked",
        "quarantine_file",
        "quarantine_machine",
        "registry_operation_blocked",
        "response_action_already_applied",
        "response_action_failed",
        "response_action_triggered",
        "rooting",
        "sensor_only",
        "suspend_parent",
        "suspend_process"
    };

    private CrowdStrikeAlertRecords() {}

    /** {@code count} alerts about the given people, updated from {@code start} a step apart. */
    public static List<String> generate(
            String org,
            List<String> emails,
            int count,
            Instant start,
            long stepSeconds,
            long seed) {
        Random random = new Random(seed);
        String cid = String.format("%08x", org.hashCode() & 0xffffffffL) + "c1d0000000000000";
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = emails.get(random.nextInt(emails.size()));
            String time =
                    start.plusSeconds(i * stepSeconds).plusMillis(random.nextInt(1000)).toString();
            ObjectNode a =
                    i % 7 == 6
                            ? identity(cid, i, email, time)
                            : endpoint(cid, i, email, time, random.nextInt(3));
            alerts.add(a.toString());
        }
        return alerts;
    }

    /** Whether the alert's flags say Falcon stopped the activity (what the normalizer reads). */
    public static boolean prevented(String alertJson) {
        return alertJson.contains("\"kill_process\":true");
    }

    private static ObjectNode common(String cid, int i, String time, String aid) {
        ObjectNode a = Json.mapper().createObjectNode();
        a.put("cid", cid);
        a.put("agent_id", aid);
        a.put("composite_id", cid + ":ind:" + aid + ":" + (40000 + i));
        a.put("aggregate_id", "aggind:" + aid + ":" + (8_000_000_000L + i));
        a.put("created_timestamp", time);
        a.put("timestamp", time);
        a.put("updated_timestamp", time);
        a.put("status", "new");
        a.put("confidence", 80);
        return a;
    }

    private static ObjectNode endpoint(String cid, int i, String email, String time, int kind) {
        String aid = String.format("%032x", 0xa1d0000L + i);
        ObjectNode a = common(cid, i, time, aid);
        String user = email.substring(0, email.indexOf('@'));
        a.put("product", "epp");
        a.put("type", "ldt");
        a.put("name", "InventedCredentialTheft");
        a.put("display_name", "InventedCredentialTheft");
        a.put("description", "A process accessed credential material (invented).");
        a.put("severity", 70);
        a.put("severity_name", "High");
        a.put("tactic", "Credential Access");
        a.put("technique", "OS Credential Dumping");
        a.put("technique_id", "T1003");
        a.put("filename", "dumper" + i + ".exe");
        a.put("cmdline", "dumper" + i + ".exe --lsass");
        a.put("sha256", String.format("%064x", 0xc0ffeeL + i));
        a.put("user_name", user);
        a.put("logon_domain", "CORP");
        a.put("user_principal", email);
        ObjectNode device = a.putObject("device");
        device.put("device_id", aid);
        device.put("hostname", "WS-" + (1000 + i));
        device.put("local_ip", "10.20." + (i / 250) + "." + (1 + i % 250));
        device.put("platform_name", "Windows");
        String[] descriptions = {
            "Prevention, process killed.",
            "Detection, process would have been blocked if related prevention policy setting was"
                    + " enabled.",
            "Detection, standard detection."
        };
        a.put("pattern_disposition_description", descriptions[kind]);
        ObjectNode flags = flags(a);
        flags.put("kill_process", kind == 0);
        flags.put("policy_disabled", kind == 1);
        flags.put("process_blocked", kind == 1);
        return a;
    }

    private static ObjectNode identity(String cid, int i, String email, String time) {
        ObjectNode a = common(cid, i, time, String.format("%032x", 0x1d0000L + i));
        a.put("product", "idp");
        a.put("type", "idp-user-endpoint-app-info");
        a.put("name", "InventedUnusualSignIn");
        a.put("display_name", "Unusual sign-in (invented)");
        a.put("description", "An account signed in from an endpoint it never used (invented).");
        a.put("severity", 50);
        a.put("severity_name", "Medium");
        a.put("tactic", "Initial Access");
        a.put("technique_id", "T1078");
        a.put("source_account_name", email.substring(0, email.indexOf('@')));
        a.put("source_account_upn", email);
        a.put("source_endpoint_host_name", "WS-" + (1000 + i));
        a.put("source_endpoint_ip_address", "10.30.0." + (1 + i % 250));
        flags(a);
        return a;
    }

    private static ObjectNode flags(ObjectNode alert) {
        ObjectNode flags = alert.putObject("pattern_disposition_details");
        for (String f : FLAGS) {
            flags.put(f, false);
        }
        return flags;
    }
}
