package io.freshguard.webhook.service;

/** The request could not be shown to come from the configured sender. The message never contains a secret. */
public class UnauthenticatedWebhookException extends RuntimeException {

    public UnauthenticatedWebhookException(String message) {
        super(message);
    }
}
