package io.securitycoach.receiver;

/**
 * What the receiver answers a request: HTTP status, JSON body, and whether the request delivered a
 * message.
 */
final class Answer {
    static final Answer NOT_FOUND =
            new Answer(404, "{\"ok\":false,\"error\":\"not found\"}", false);

    final int status;
    final String body;
    final boolean delivery;

    Answer(int status, String body, boolean delivery) {
        this.status = status;
        this.body = body;
        this.delivery = delivery;
    }
}
