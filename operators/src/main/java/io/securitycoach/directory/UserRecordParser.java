package io.securitycoach.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.UserRecord;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.JsonLines;
import io.securitycoach.schema.OrgIds;
import java.util.Locale;

/**
 * One JSON line of the directory change log to a {@link UserRecord}, or a dead letter with its
 * reason.
 */
public final class UserRecordParser {
    public static final String STAGE = "directory";
    static final int MAX_LINE_CHARS = 64 * 1024;

    private UserRecordParser() {}

    /** Exactly one of the two fields is set. */
    public static final class Result {
        public final UserRecord user;
        public final DeadLetter deadLetter;

        Result(UserRecord user, DeadLetter deadLetter) {
            this.user = user;
            this.deadLetter = deadLetter;
        }
    }

    public static Result parse(String line, String origin, long now) {
        if (line.length() > MAX_LINE_CHARS) {
            return fail(
                    "record_too_large",
                    "user record over " + MAX_LINE_CHARS + " characters",
                    line,
                    origin,
                    now);
        }
        JsonNode node;
        try {
            node = JsonLines.readOne(Json.mapper(), line);
        } catch (JsonLines.TrailingContentException e) {
            return fail("trailing_content", e.getOriginalMessage(), line, origin, now);
        } catch (JsonProcessingException e) {
            return fail(
                    "invalid_json", "not valid JSON: " + e.getOriginalMessage(), line, origin, now);
        }
        if (node == null || !node.isObject()) {
            return fail("not_an_object", "expected a JSON object per line", line, origin, now);
        }
        UserRecord user;
        try {
            user = Json.mapper().treeToValue(node, UserRecord.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return fail(
                    "wrong_type",
                    "field of the wrong type: " + e.getMessage().split("\n")[0],
                    line,
                    origin,
                    now);
        }
        // Org ids are strings; JSON numbers are accepted (Jackson coerces them).
        if (user.orgId == null || user.orgId.isBlank()) {
            return fail("missing_org", "org_id is required", line, origin, now);
        }
        if (!OrgIds.isValid(user.orgId)) {
            return fail("invalid_org", "org_id: " + OrgIds.problem(user.orgId), line, origin, now);
        }
        if (user.userId == null || user.userId.isBlank()) {
            return fail("missing_user_id", "user_id is required", line, origin, now);
        }
        if (!user.deleted && (user.email == null || user.email.isBlank())) {
            return fail("missing_email", "email is required unless deleted", line, origin, now);
        }
        if (user.email != null) {
            user.email = user.email.trim().toLowerCase(Locale.ROOT);
        }
        return new Result(user, null);
    }

    private static Result fail(
            String reason, String message, String line, String origin, long now) {
        return new Result(
                null, DeadLetter.of(STAGE, null, "directory", reason, message, line, origin, now));
    }
}
