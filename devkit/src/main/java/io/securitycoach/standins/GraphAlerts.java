package io.securitycoach.standins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Invented Microsoft Graph alerts_v2 records for a stand-in: Defender for Office 365 phishing
 * alerts and Defender for Endpoint malware alerts about the given people, a second apart.
 */
public final class GraphAlerts {
    private GraphAlerts() {}

    public static List<String> generate(List<String> upns, int count, Instant start, long seed) {
        Random random = new Random(seed);
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String upn = upns.get(random.nextInt(upns.size()));
            boolean email = random.nextBoolean();
            String time = start.plusSeconds(i).toString();
            String id = String.format("da%016d_%d", seed, i);
            alerts.add(
                    "{\"id\": \""
                            + id
                            + "\", \"providerAlertId\": \""
                            + id
                            + "\", \"incidentId\": \""
                            + (1000 + i)
                            + "\", \"status\": \"new\", \"severity\": \""
                            + (email ? "medium" : "high")
                            + "\", \"serviceSource\": \""
                            + (email
                                    ? "microsoftDefenderForOffice365"
                                    : "microsoftDefenderForEndpoint")
                            + "\", \"detectionSource\": \""
                            + (email ? "microsoftDefenderForOffice365" : "antivirus")
                            + "\", \"title\": \""
                            + (email
                                    ? "Email messages containing malicious URL removed after"
                                            + " delivery"
                                    : "Malware was detected")
                            + "\", \"category\": \""
                            + (email ? "InitialAccess" : "Malware")
                            + "\", \"createdDateTime\": \""
                            + time
                            + "\", \"lastUpdateDateTime\": \""
                            + time
                            + "\", \"evidence\": [{\"@odata.type\":"
                            + " \"#microsoft.graph.security.userEvidence\", \"userAccount\":"
                            + " {\"accountName\": \""
                            + upn.substring(0, upn.indexOf('@'))
                            + "\", \"userPrincipalName\": \""
                            + upn
                            + "\"}}]}");
        }
        return alerts;
    }
}
