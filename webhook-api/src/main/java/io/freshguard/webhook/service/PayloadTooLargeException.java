package io.freshguard.webhook.service;

/** The body is larger than {@code freshguard.webhooks.max-body-size}. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long size, long limit) {
        super("body of " + size + " bytes exceeds the limit of " + limit + " bytes");
    }
}
