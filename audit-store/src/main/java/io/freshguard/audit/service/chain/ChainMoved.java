package io.freshguard.audit.service.chain;

/** A deploy's chain changed status (fired in the transaction that moved it; observers act after it commits). */
public record ChainMoved(long deployId, String site) {
}
