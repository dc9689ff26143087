package io.freshguard.audit.service.chain;

import io.freshguard.audit.domain.ChainStatus;
import java.util.Map;

/**
 * A deploy's chain changed status, fired in the transaction that moved it: an in-progress observer writes with the move
 * (the notice outbox), an after-success one acts once it is committed (the gate's waiters). {@code data} is what the
 * move's audit entry records (an error code and message, a heal count, …).
 */
public record ChainMoved(long deployId, String site, ChainStatus from, ChainStatus to, Map<String, ?> data) {
}
