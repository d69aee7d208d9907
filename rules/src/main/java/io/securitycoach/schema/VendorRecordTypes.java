package io.securitycoach.schema;

/**
 * Per built-in vendor, which of its record types become which class and which are dropped on
 * purpose: the table in docs/schema.md, kept next to the schema it documents.
 */
final class VendorRecordTypes {
    private VendorRecordTypes() {}

    /** vendor, record type (and shapes), what it becomes. */
    static final String[][] ROWS = {
        {
            "okta",
            "System Log `LogEvent` (a line, or the API's array)",
            "sessions, `user.authentication.*`, MFA, `policy.evaluate_sign_on`, `app.oauth2.*`,"
                + " `security.threat.*`: `auth`; `user.account.*`, `user.lifecycle.*`,"
                + " `user.credential.*`, `user.mfa.factor.*`: `account`; the rest: `admin`. When"
                + " Okta or an app acts (`system@okta.com`, `SystemPrincipal`, an IdP, an OAuth"
                + " client) the person is the `User` in `target[]`; with none: `platform_event`"
        },
        {
            "zscaler",
            "NSS / Cloud NSS web log: JSON/Splunk template (`datetime`, `user`, `url`,"
                + " `urlcategory`), NSS field names (`time`, `login`, `eurl`, `urlcat`, `cip`),"
                + " Cloud NSS HTTP (`epochtime`, `b64url`, `host`, `cltip`, `urlsubcat`); bare or"
                + " in `{\"sourcetype\", \"event\"}`",
            "`web`; local times in the "
                    + "record's `tz`, else the org's `feed_time_zones.zscaler`, else GMT"
        },
        {
            "proofpoint",
            "TAP SIEM API click (`clickTime`) and message (`messageTime`): bare, with `feed`, a"
                    + " whole `/v2/siem/all` response (split, array name kept), or a connector's"
                    + " `type`/`status`",
            "`email`: `click_permitted`/`click_blocked`, `click` (bare: verdict unknown, action"
                    + " `unknown`), `message_delivered`/`message_blocked`/`message`; one event per"
                    + " recipient"
        },
        {
            "crowdstrike",
            "`EppDetectionSummaryEvent`, `DetectionSummaryEvent`, `XdrDetectionSummaryEvent`, "
                    + "`MobileDetectionSummaryEvent`",
            "`endpoint`; action from `PatternDispositionFlags`; a service "
                    + "account (SYSTEM, `HOST$`) only: `platform_event`"
        },
        {"crowdstrike", "`IdpDetectionSummaryEvent`", "`auth` (finding)"},
        {
            "crowdstrike",
            "`AuthActivityAuditEvent` / `UserActivityAuditEvent`, `RemoteResponseSession*`",
            "`auth` / " + "`admin`; an API client's (`api-client-id:...`): `platform_event`"
        },
        {
            "crowdstrike",
            "`FirewallMatchEvent`",
            "`network` when it names a user, else `platform_event`"
        },
        {
            "crowdstrike",
            "`IncidentSummaryEvent`, `ReconNotificationSummaryEvent`, `CSPM*`, "
                    + "`ScheduledReportNotificationEvent`, `HashSpreadingEvent`",
            "`platform_event` (no person); other " + "types: `wrong_type`"
        },
        {
            "netskope",
            "alerts (`alert_type`): DLP; malware, malsite, policy, UBA; Compromised Credential",
            "`dlp`; " + "`web`; `account`"
        },
        {
            "netskope",
            "DLP incidents (`dlp_incident_id`); admin audit (`audit_log_event`); page/application"
                    + " events",
            "`dlp`; `auth` (sign-ins) or `admin`; `web`. Pages `{\"result\": [...]}`/`{\"data\":"
                    + " [...]}` split"
        },
        {
            "defender",
            "Graph `alerts_v2` (a line, or `{\"value\": [...]}`)",
            "by `serviceSource`/`detectionSource`: Defender for Office 365 `email`, Entra ID"
                + " Protection and Defender for Identity `auth`, Purview DLP `dlp`, Defender for"
                + " Cloud Apps `web`, the rest `endpoint`; the person from user, mailbox, analysed"
                + " message, process and device evidence; service accounts only: `platform_event`"
        },
    };

    static void markdown(StringBuilder md) {
        md.append("\n## Vendor record types\n\n")
                .append(
                        "What each built-in vendor's records become. `platform_event` is a"
                                + " deliberate drop: a dead ")
                .append(
                        "letter with that reason (kept, counted, not held against the feed's"
                                + " health), for records ")
                .append(
                        "that name no person to coach.\n\n"
                                + "| vendor | record type | becomes |\n"
                                + "|---|---|---|\n");
        for (String[] row : ROWS) {
            md.append("| ")
                    .append(row[0])
                    .append(" | ")
                    .append(row[1])
                    .append(" | ")
                    .append(row[2])
                    .append(" |\n");
        }
        md.append(
                        "\n"
                                + "A template that renames fields beyond these shapes is read by a"
                                + " parsing configuration that ")
                .append(
                        "extends the built-in vendor (`extends:` okta, zscaler, proofpoint,"
                                + " crowdstrike, netskope or ")
                .append(
                        "defender, with `rename:` from the template's paths to the names above):"
                                + " the built-in makes ")
                .append(
                        "the event from the renamed record, as in this table, and the"
                                + " configuration's `fields` fill ")
                .append(
                        "or override fields of it; `raw` holds the renamed names. See the README's"
                                + " parsing ")
                .append("configurations.\n");
    }
}
