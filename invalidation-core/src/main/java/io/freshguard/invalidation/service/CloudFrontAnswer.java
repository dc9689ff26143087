package io.freshguard.invalidation.service;

/** What one CloudFront call came to, in the terms the worker acts on. */
public sealed interface CloudFrontAnswer {

    /** The invalidation exists at CloudFront (just created, or found again by its CallerReference). */
    record Accepted(String invalidationId, String status) implements CloudFrontAnswer {
    }

    /** Throttling, too many in progress, 5xx, network: wait and try again with the same CallerReference. */
    record Wait(String code, String message) implements CloudFrontAnswer {
    }

    /** Credentials, permissions or the distribution: only a human fixes it; retried slowly, readiness DOWN. */
    record Refused(String code, String message) implements CloudFrontAnswer {
    }

    /** The request itself is wrong (e.g. InvalidArgument); retrying cannot help. */
    record Rejected(String code, String message) implements CloudFrontAnswer {
    }
}
