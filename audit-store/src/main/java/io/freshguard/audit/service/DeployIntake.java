package io.freshguard.audit.service;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.repository.DeployIntakeRepository;
import io.freshguard.audit.repository.DeployIntakeRepository.KnownDeploy;
import io.freshguard.audit.service.IntakeResult.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns a verified notice into a durable deploy record, once. The answer is only produced after the record's
 * transaction committed, which is what lets webhook-api answer 2xx honestly.
 */
@ApplicationScoped
public class DeployIntake {

    private final DeployIntakeRepository deploys;
    private final SiteDirectory sites;
    private final DeployWriter writer;

    public DeployIntake(DeployIntakeRepository deploys, SiteDirectory sites, DeployWriter writer) {
        this.deploys = deploys;
        this.sites = sites;
        this.writer = writer;
    }

    public IntakeResult take(DeployNotice notice) {
        try {
            Optional<String> site = sites.siteFor(notice.kind(), notice.sourceKey());
            Optional<IntakeResult> written;
            try {
                written = writer.write(notice, site.orElse(null));
            } catch (RuntimeException e) {
                // PostgreSQL waits for a concurrent insert of the same key and then skips; H2 may raise instead
                if (!isConstraintViolation(e)) {
                    throw e;
                }
                written = Optional.empty();
            }
            if (written.isPresent()) {
                return written.get();
            }
            // the delivery (or an earlier event about the release) is on record: answer as that record did
            return findEarlier(notice, site).map(this::duplicate)
                    .orElseThrow(() -> new IllegalStateException("deploy " + notice.kind() + ":" + notice.deliveryId()
                            + " clashed with a record that is not there"));
        } catch (RuntimeException e) {
            if (StoreUnavailableException.isUnavailable(e)) {
                throw new StoreUnavailableException(e);
            }
            throw e;
        }
    }

    /** The same delivery, or (for a deploy of a known site) an earlier event about the same release: one query. */
    private Optional<KnownDeploy> findEarlier(DeployNotice notice, Optional<String> site) {
        if (site.isEmpty() || !notice.isDeploy() || notice.dedupKey() == null) {
            return deploys.findByDelivery(notice.kind(), notice.deliveryId(), notice.sourceKey(), notice.payloadSha256());
        }
        return deploys.findByDeliveryOrRelease(notice.kind(), notice.deliveryId(), notice.sourceKey(),
                notice.payloadSha256(), site.get(), notice.dedupKey());
    }

    private IntakeResult duplicate(KnownDeploy earlier) {
        return new IntakeResult(earlier.id(), earlier.site(), Outcome.DUPLICATE, null);
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
