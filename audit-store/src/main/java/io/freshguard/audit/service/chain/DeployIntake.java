package io.freshguard.audit.service.chain;

import io.freshguard.audit.config.ChainConfig;
import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.CommitId;
import io.freshguard.audit.repository.DeployIntakeRepository;
import io.freshguard.audit.repository.DeployIntakeRepository.KnownDeploy;
import io.freshguard.audit.service.chain.IntakeResult.Outcome;
import io.freshguard.audit.service.runtime.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Turns a verified notice into a durable deploy record, once. The answer is only produced after the record's
 * transaction committed, which is what lets webhook-api answer 2xx honestly.
 */
@ApplicationScoped
public class DeployIntake {

    /**
     * Tries at storing one notice: each clash either answers it or names a newer generation, and a concurrent insert
     * that took that generation first is seen by the next try, so a burst of N same-commit releases settles in N.
     */
    static final int ATTEMPTS = 64;

    private final DeployIntakeRepository deploys;
    private final SiteDirectory sites;
    private final DeployWriter writer;
    private final ChainConfig config;
    private final Clock clock;

    public DeployIntake(DeployIntakeRepository deploys, SiteDirectory sites, DeployWriter writer, ChainConfig config,
            Clock clock) {
        this.deploys = deploys;
        this.sites = sites;
        this.writer = writer;
        this.config = config;
        this.clock = clock;
    }

    public IntakeResult take(DeployNotice notice) {
        try {
            Optional<String> site = sites.siteFor(notice.kind(), notice.sourceKey());
            long generation = 0;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Optional<IntakeResult> written = write(notice, site, generation);
                if (written.isPresent()) {
                    return written.get();
                }
                IntakeRules.Decision decision = decide(notice, site);
                if (decision.isDuplicate()) {
                    KnownDeploy earlier = decision.duplicateOf();
                    if (notice.isDeploy() && (earlier.kind() != notice.kind() || !earlier.sourceKey().equals(notice.sourceKey()))) {
                        writer.joined(earlier, notice);
                    }
                    if (decision.liveAgainAt() != null) {
                        deploys.liveAgain(earlier.id(), decision.liveAgainAt());
                    }
                    return new IntakeResult(earlier.id(), earlier.site(), Outcome.DUPLICATE, null);
                }
                generation = decision.generation();
            }
            throw new IllegalStateException("deploy " + notice.kind() + ":" + notice.deliveryId() + " kept clashing");
        } catch (RuntimeException e) {
            if (StoreUnavailableException.isUnavailable(e)) {
                throw new StoreUnavailableException(e);
            }
            throw e;
        }
    }

    private Optional<IntakeResult> write(DeployNotice notice, Optional<String> site, long generation) {
        try {
            return writer.write(notice, site.orElse(null), generation);
        } catch (RuntimeException e) {
            // PostgreSQL waits for a concurrent insert of the same key and then skips; H2 may raise instead
            if (!isConstraintViolation(e)) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** The notice clashed with deploys on record: the same deploy, or a new one (and in which generation)? */
    private IntakeRules.Decision decide(DeployNotice notice, Optional<String> site) {
        boolean siteDeploy = site.isPresent() && notice.isDeploy();
        DeployIntakeRepository.Clash clash = deploys.clashing(notice.kind(), notice.deliveryId(), notice.sourceKey(),
                notice.payloadSha256(), siteDeploy ? site.get() : null, siteDeploy ? notice.dedupKey() : null,
                siteDeploy ? CommitId.key(notice.commit()) : null);
        List<KnownDeploy> clashes = clash.clashes();
        if (clashes.isEmpty()) {
            throw new IllegalStateException("deploy " + notice.kind() + ":" + notice.deliveryId()
                    + " clashed with a record that is not there");
        }
        Optional<KnownDeploy> newest = clash.newest();
        return IntakeRules.decide(notice, clashes, newest, clock.instant(), config.sameCommitWindow());
    }

    private static boolean isConstraintViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // SQL's class 23: integrity constraint violation (here: the delivery or release is already on record)
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
