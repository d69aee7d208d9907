package io.securitycoach.normalize;

/**
 * Dead-letter reason codes of the normalize stage: stable names that metrics and the summary count.
 */
public final class Reasons {
    public static final String RECORD_TOO_LARGE = "record_too_large";
    public static final String INVALID_JSON = "invalid_json";
    public static final String NOT_AN_OBJECT = "not_an_object";
    public static final String UNKNOWN_VENDOR = "unknown_vendor";
    public static final String UNRECOGNIZED_FORMAT = "unrecognized_format";
    public static final String MISSING_TIME = "missing_time";
    public static final String INVALID_TIME = "invalid_time";
    public static final String ABSURD_TIME = "absurd_time";
    public static final String MISSING_IDENTITY = "missing_identity";

    /** A field a parsing configuration marks {@code required: true} is absent or empty. */
    public static final String MISSING_FIELD = "missing_field";

    /**
     * A record whose {@code each} array (a parsing configuration's fan-out) has more elements than
     * the configuration's {@code max}: the excess is this one dead letter, not silently dropped.
     */
    public static final String TOO_MANY_ELEMENTS = "too_many_elements";

    public static final String WRONG_TYPE = "wrong_type";
    public static final String MISSING_ORG = "missing_org";

    /** The folder or stream tag names an org id that is not valid ({@code OrgIds}). */
    public static final String INVALID_ORG = "invalid_org";

    /**
     * A drop file outside the layout {@code <root>/<org>/<vendor>/<file>}: deeper or shallower, a
     * {@code .} or {@code ..} segment, an encoded byte or backslash, an invalid org or vendor
     * folder ({@code DropLayout}). Nothing of it is read; the org is the folder it sits in, if
     * valid.
     */
    public static final String INVALID_PATH = "invalid_path";

    /**
     * A record of a shared stream or prefix whose envelope ({@code {"org_id", "vendor", "record"}})
     * or partition key cannot be read: no org can be trusted for it.
     */
    public static final String INVALID_ENVELOPE = "invalid_envelope";

    /** A shared stream's envelope names an org that is not on that channel's allow-list. */
    public static final String ORG_NOT_ALLOWED = "org_not_allowed";

    /**
     * Something other than whitespace follows the record's JSON value (two objects on a line,
     * garbage).
     */
    public static final String TRAILING_CONTENT = "trailing_content";

    /** A mapping bug: the record is kept with the exception's class and message. */
    public static final String NORMALIZER_ERROR = "normalizer_error";

    /** A line holding an empty page ({@code []}, {@code {"value": []}}): nothing to normalize. */
    public static final String EMPTY_PAGE = "empty_page";

    /**
     * A vendor record that names no person by design (an incident roll-up, an API client's call, a
     * service account's alert): deliberately not an event, kept as a dead letter so nothing is
     * lost, and not counted against a feed's health.
     */
    public static final String PLATFORM_EVENT = "platform_event";

    /**
     * The vendor itself marked the record's threat a false positive (Proofpoint {@code
     * threatStatus: falsePositive}): nothing to coach, kept as a dead letter and not counted
     * against a feed's health.
     */
    public static final String FALSE_POSITIVE = "false_positive";

    private Reasons() {}
}
