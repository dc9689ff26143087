package io.freshguard.audit.domain;

/** A notice delivery: waiting to be sent (or retried), sent, or given up after the retry window. */
public enum NoticeStatus {
    PENDING, DELIVERED, GAVE_UP
}
