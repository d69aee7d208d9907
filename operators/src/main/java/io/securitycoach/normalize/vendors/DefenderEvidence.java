package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.ServiceAccounts;
import io.securitycoach.schema.SecurityEvent;

/**
 * What a Graph {@code alerts_v2} alert's evidence says: the person (from every evidence type that
 * names one, in order of how directly it names them: the user, the mailbox, an analysed message's
 * recipient, a process's account, a device's signed-in users), with service accounts and SYSTEM
 * kept apart; and the device, process, file, URL and message details.
 */
final class DefenderEvidence {
    /** The person, or null; {@code serviceAccount} holds the first service account seen. */
    String person;

    String serviceAccount;
    String displayName;
    boolean prevented;
    String deliveryAction;

    static DefenderEvidence read(JsonNode alert, SecurityEvent out) {
        DefenderEvidence found = new DefenderEvidence();
        String[] candidates = new String[5];
        for (JsonNode ev : alert.path("evidence")) {
            String type = ev.path("@odata.type").asText("");
            found.remediation(ev);
            if (type.endsWith("userEvidence")) {
                candidates[0] = first(candidates[0], found.account(ev.path("userAccount")));
            } else if (type.endsWith("mailboxEvidence")) {
                candidates[1] =
                        first(
                                candidates[1],
                                first(
                                        JsonFields.field(ev, "primaryAddress"),
                                        found.account(ev.path("userAccount"))));
            } else if (type.endsWith("analyzedMessageEvidence")) {
                candidates[2] = first(candidates[2], JsonFields.field(ev, "recipientEmailAddress"));
                found.message(ev, out);
            } else if (type.endsWith("processEvidence")) {
                candidates[3] = first(candidates[3], found.account(ev.path("userAccount")));
                process(ev, out);
            } else if (type.endsWith("deviceEvidence")) {
                out.actorHost = first(out.actorHost, JsonFields.field(ev, "deviceDnsName"));
                for (JsonNode user : ev.path("loggedOnUsers")) {
                    candidates[4] = first(candidates[4], found.account(user));
                }
            } else {
                other(type, ev, out);
            }
        }
        for (String candidate : candidates) {
            found.person = first(found.person, candidate);
        }
        return found;
    }

    /** UPN, else DOMAIN\\account; a service account is remembered apart and not returned. */
    String account(JsonNode account) {
        String upn = JsonFields.field(account, "userPrincipalName");
        String name = JsonFields.field(account, "accountName");
        String domain = JsonFields.field(account, "domainName");
        if (ServiceAccounts.isServiceAccount(name, domain)) {
            serviceAccount = first(serviceAccount, domain == null ? name : domain + "\\" + name);
            return null;
        }
        if (upn == null && name == null) {
            return null;
        }
        displayName = first(displayName, JsonFields.field(account, "displayName"));
        return upn != null ? upn : domain != null ? domain + "\\" + name : name;
    }

    /**
     * Prevented or blocked stopped it; {@code remediated} is a clean-up after the fact (a file
     * quarantined after it ran, a message removed after delivery), not a block.
     */
    private void remediation(JsonNode ev) {
        String status = ev.path("remediationStatus").asText("");
        prevented |= status.equalsIgnoreCase("prevented") || status.equalsIgnoreCase("blocked");
    }

    private void message(JsonNode ev, SecurityEvent out) {
        out.emailSender = first(out.emailSender, JsonFields.text(ev, "p1Sender.emailAddress"));
        out.emailSender = first(out.emailSender, JsonFields.text(ev, "p2Sender.emailAddress"));
        out.emailSubject = first(out.emailSubject, JsonFields.field(ev, "subject"));
        String url = ev.path("urls").path(0).asText(null);
        if (out.url == null && url != null) {
            out.url = url;
            out.urlHost = JsonFields.host(url);
        }
        deliveryAction = first(deliveryAction, JsonFields.field(ev, "deliveryAction"));
    }

    private static void process(JsonNode ev, SecurityEvent out) {
        if (out.processName != null) {
            return;
        }
        out.commandLine = JsonFields.field(ev, "processCommandLine");
        out.processName = JsonFields.text(ev, "imageFile.fileName");
        out.fileName = out.processName;
        out.fileHash = JsonFields.text(ev, "imageFile.sha256");
    }

    private static void other(String type, JsonNode ev, SecurityEvent out) {
        if (type.endsWith("fileEvidence") && out.fileName == null) {
            out.fileName = JsonFields.text(ev, "fileDetails.fileName");
            out.fileHash = JsonFields.text(ev, "fileDetails.sha256");
        } else if (type.endsWith("urlEvidence") && out.url == null) {
            out.url = JsonFields.field(ev, "url");
            out.urlHost = JsonFields.host(out.url);
        } else if (type.endsWith("cloudApplicationEvidence")
                || type.endsWith("oauthApplicationEvidence")) {
            out.app = first(out.app, JsonFields.field(ev, "displayName"));
        } else if (type.endsWith("ipEvidence")) {
            out.actorIp = first(out.actorIp, JsonFields.field(ev, "ipAddress"));
        }
    }

    static String first(String a, String b) {
        return a != null ? a : b;
    }
}
