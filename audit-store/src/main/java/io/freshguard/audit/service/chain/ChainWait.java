package io.freshguard.audit.service.chain;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.config.SitesConfig;
import io.freshguard.audit.config.WaitConfig;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.service.query.AuditQueries;
import io.freshguard.audit.service.runtime.StoreUnavailableException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The gate a pipeline waits on: answers once a deploy's chain (its own, or the one it was folded into) has settled
 * ({@link GateAnswer}) or the caller's time is up. Each look is one short read; between looks nothing is held. A
 * look the store cannot answer is a moment, not a verdict: it is tried again until the caller's time is up.
 */
@ApplicationScoped
public class ChainWait {

    private final AuditQueries queries;
    private final SiteDirectory sites;
    private final WaitConfig config;
    private final Clock clock;

    public ChainWait(AuditQueries queries, SiteDirectory sites, WaitConfig config, Clock clock) {
        this.queries = queries;
        this.sites = sites;
        this.config = config;
        this.clock = clock;
    }

    public enum Outcome {
        FRESH, REFUSED, TIMED_OUT
    }

    /** Where the wait ended: the chain's status then (null when the store never answered), and why. */
    public record Result(long deployId, Outcome outcome, ChainStatus status, String reason, long waitedMs) {
    }

    /** Empty when there is no such deploy. */
    public Optional<Result> await(long deployId, Duration timeout) throws InterruptedException {
        Instant started = clock.instant();
        Instant deadline = started.plus(timeout);
        AuditQueries.ChainState last = null;
        while (true) {
            Optional<AuditQueries.ChainState> state = look(deployId);
            if (state != null && state.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            long waited = Duration.between(started, now).toMillis();
            if (state != null) {
                last = state.get();
                GateAnswer answer = answer(last, now);
                if (answer == GateAnswer.FRESH) {
                    return Optional.of(new Result(deployId, Outcome.FRESH, last.status(), null, waited));
                }
                if (answer == GateAnswer.REFUSED) {
                    return Optional.of(new Result(deployId, Outcome.REFUSED, last.status(), last.reason(), waited));
                }
            }
            if (!now.isBefore(deadline)) {
                return Optional.of(new Result(deployId, Outcome.TIMED_OUT, last == null ? null : last.status(),
                        last == null ? "the store did not answer within " + timeout : "still " + last.status() + " after "
                                + timeout, waited));
            }
            Thread.sleep(Math.min(config.lookEvery().toMillis(), Math.max(1, Duration.between(now, deadline).toMillis())));
        }
    }

    /** The gate's answer for a chain as it stands now. */
    public GateAnswer answer(AuditQueries.ChainState state, Instant now) {
        Duration grace = Optional.ofNullable(state.site()).flatMap(sites::site).map(SitesConfig.Site::grace).orElse(Duration.ZERO);
        return GateAnswer.of(state.status(), state.since(), state.liveAt(), grace, config.blockedAfter(), now);
    }

    /** The chain's state, or null when the store could not say (a blip the next look may not see). */
    private Optional<AuditQueries.ChainState> look(long deployId) {
        try {
            return queries.chainState(deployId);
        } catch (RuntimeException e) {
            if (!StoreUnavailableException.isUnavailable(e)) {
                throw e;
            }
            Log.debugf("Wait gate: the store did not answer for deploy %d, looking again", deployId);
            return null;
        }
    }
}
