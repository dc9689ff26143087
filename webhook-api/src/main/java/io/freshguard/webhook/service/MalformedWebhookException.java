package io.freshguard.webhook.service;

/** The body is authentic but not a payload this endpoint understands. */
public class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String message) {
        super(message);
    }
}
