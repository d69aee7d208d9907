package io.securitycoach.control;

/** Where a control message is answered: the intake itself, or the one stage that owns it. */
public enum ControlStage {
    /** The control intake: unreadable, refused and unknown messages end there. */
    INTAKE,
    NORMALIZE,
    DETECT,
    NOTIFY,
    /** The integration poller: each org's vendor API definitions and their cursors. */
    INTEGRATIONS
}
