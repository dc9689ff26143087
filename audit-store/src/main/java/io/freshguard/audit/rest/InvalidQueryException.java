package io.freshguard.audit.rest;

/** A query parameter of the audit API that cannot be used as given. */
public class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(String message) {
        super(message);
    }
}
