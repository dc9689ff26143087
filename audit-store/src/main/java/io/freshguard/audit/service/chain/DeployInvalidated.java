package io.freshguard.audit.service.chain;

/** Fired after the transaction that marked a deploy's chain INVALIDATED has committed: time to probe its site. */
public record DeployInvalidated(long deployId, String site) {
}
