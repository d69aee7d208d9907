package io.securitycoach.local;

import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.schema.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Random secrets for a local run (Slack bot token, the platform's webhook signing secret, the
 * status webhook's own signing secret), written to files and referenced as {@code file:} like
 * production secrets, so the local run exercises the same path. An org's own secrets live in its
 * namespace ({@code env:COACH_ORG_<ORG>__<NAME>}, or {@code file:orgs/<org>/...} under this folder,
 * see OrgIds).
 */
public final class DevSecrets {
    public final Path slackToken;
    public final Path signingSecret;
    public final String signingSecretValue;
    public final Path statusSigningSecret;
    private final Path dir;

    private DevSecrets(
            Path dir,
            Path slackToken,
            Path signingSecret,
            String signingSecretValue,
            Path statusSigningSecret) {
        this.dir = dir;
        this.slackToken = slackToken;
        this.signingSecret = signingSecret;
        this.signingSecretValue = signingSecretValue;
        this.statusSigningSecret = statusSigningSecret;
    }

    public static DevSecrets create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path token = write(dir.resolve("slack-bot-token"), "xoxb-local-" + random());
        String signing = random();
        return new DevSecrets(
                dir,
                token,
                write(dir.resolve("webhook-signing-secret"), signing),
                signing,
                write(dir.resolve("status-webhook-signing-secret"), random()));
    }

    /** Points the notifier's default Slack token and webhook signing secret at these files. */
    public NotifierSettings applyTo(NotifierSettings settings) {
        settings.slackTokenRef = "file:" + slackToken;
        settings.signingSecretRef = "file:" + signingSecret;
        settings.secretsDir =
                dir.toString(); // where the orgs' file:orgs/<org>/... references are read
        return settings;
    }

    private static Path write(Path file, String value) throws IOException {
        Files.writeString(file, value);
        return file;
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Hashes.hex(bytes, bytes.length);
    }
}
