package io.freshguard.audit.service;

import io.freshguard.audit.domain.ChainStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The gate a pipeline waits on: answers once a deploy's chain (its own, or the one it was folded into) is FRESH,
 * has failed or is blocked, or the caller's time is up. Each look is one short read; between looks nothing is held.
 */
@ApplicationScoped
public class ChainWait {

    /** How often the chain is read while waiting. */
    static final Duration LOOK_EVERY = Duration.ofMillis(500);

    private final AuditQueries queries;
    private final Clock clock;

    public ChainWait(AuditQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    public enum Outcome {
        FRESH, REFUSED, TIMED_OUT
    }

    /** Where the wait ended: the chain's status then, and for a refusal why. */
    public record Result(long deployId, Outcome outcome, ChainStatus status, String reason, long waitedMs) {
    }

    /** Empty when there is no such deploy. */
    public Optional<Result> await(long deployId, Duration timeout) throws InterruptedException {
        Instant started = clock.instant();
        Instant deadline = started.plus(timeout);
        while (true) {
            Optional<AuditQueries.ChainState> state = queries.chainState(deployId);
            if (state.isEmpty()) {
                return Optional.empty();
            }
            long waited = Duration.between(started, clock.instant()).toMillis();
            AuditQueries.ChainState s = state.get();
            if (s.status() == ChainStatus.FRESH) {
                return Optional.of(new Result(deployId, Outcome.FRESH, s.status(), null, waited));
            }
            if (s.status() == ChainStatus.FAILED || s.status() == ChainStatus.BLOCKED || s.status() == ChainStatus.IGNORED) {
                return Optional.of(new Result(deployId, Outcome.REFUSED, s.status(), s.reason(), waited));
            }
            if (!clock.instant().isBefore(deadline)) {
                return Optional.of(new Result(deployId, Outcome.TIMED_OUT, s.status(), "still " + s.status() + " after "
                        + timeout, waited));
            }
            Thread.sleep(Math.min(LOOK_EVERY.toMillis(), Math.max(1, Duration.between(clock.instant(), deadline).toMillis())));
        }
    }
}
