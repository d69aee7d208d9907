package io.securitycoach.rules;

/** A valid rule that failed on one event; the event becomes a dead letter, the rule stays live. */
public class RuleEvaluationException extends Exception {
    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
