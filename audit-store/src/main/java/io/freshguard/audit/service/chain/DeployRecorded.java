package io.freshguard.audit.service.chain;

/** Fired once the transaction that stored a new deploy (one that is work for the workers) has committed. */
public record DeployRecorded(long deployId, String site) {
}
