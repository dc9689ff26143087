package io.freshguard.audit.service.chain;

/** CloudFront accepted a deploy's invalidation: from now until it completes, the edge may turn fresh at any moment. */
public record InvalidationRequested(long deployId, String site) {
}
