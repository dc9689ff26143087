package io.freshguard.audit.service.chain;

/** A field of a notice that that cannot be stored as it is (too long, out of range) and must not be shortened; the message names the field. */
public class FieldOutOfBoundsException extends RuntimeException {

    public FieldOutOfBoundsException(String message) {
        super(message);
    }
}
