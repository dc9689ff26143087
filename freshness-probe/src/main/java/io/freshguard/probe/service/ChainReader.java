package io.freshguard.probe.service;

import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.InvalidationBatch;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.repository.InvalidationBatchRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** What the store says about a site's deploys: what the CDN should serve, and how far its invalidation got. */
@ApplicationScoped
public class ChainReader {

    /** The latest deploy as the judge needs it, plus its chain's state at the time of reading. */
    public record SiteDeploys(long deployId, FreshnessJudge.Expectation expectation, ChainStatus chainStatus,
            String lastErrorCode, boolean anyBatch) {
    }

    private final DeployRepository deploys;
    private final InvalidationBatchRepository batches;

    public ChainReader(DeployRepository deploys, InvalidationBatchRepository batches) {
        this.deploys = deploys;
        this.batches = batches;
    }

    @Transactional
    public Optional<SiteDeploys> latest(String site) {
        List<DeployRecord> lastTwo = deploys.latestTwo(site);
        if (lastTwo.isEmpty()) {
            return Optional.empty();
        }
        DeployRecord latest = lastTwo.get(0);
        DeployRecord chain = latest.coalescedInto != null ? deploys.findById(latest.coalescedInto) : latest;
        List<InvalidationBatch> chainBatches = batches.forDeploy(chain.id);
        String lastError = chainBatches.stream().map(b -> b.lastErrorCode).filter(c -> c != null).reduce((a, b) -> b).orElse(null);
        FreshnessJudge.Expectation expectation = new FreshnessJudge.Expectation(latest.release, latest.commit,
                latest.liveAt(), lastTwo.size() > 1 ? lastTwo.get(1).liveAt() : null);
        return Optional.of(new SiteDeploys(latest.id, expectation, chain.status, lastError, !chainBatches.isEmpty()));
    }

    /** Why the CDN still serves an old build, in an operator's words. */
    public static String cause(SiteDeploys deploys, Boolean originOld) {
        if (Boolean.TRUE.equals(originOld)) {
            return "origin itself serves the old build: the deploy never reached the origin";
        }
        String code = deploys.lastErrorCode() == null ? "" : ": " + deploys.lastErrorCode();
        String cdn = switch (deploys.chainStatus()) {
            case RECEIVED -> deploys.anyBatch() ? "purge queued, not yet accepted by the CDN" : "invalidation never sent";
            case RETRYING -> "invalidation retrying" + code;
            case BLOCKED -> "invalidation refused by the CDN" + code;
            case REQUESTED -> "invalidation still in progress";
            case FAILED -> "invalidation failed" + code;
            case DRY_RUN -> "dry-run: invalidation never sent";
            default -> "invalidated, but the CDN still serves the old build";
        };
        return originOld == null ? cdn : "CDN stale, origin is current: " + cdn;
    }
}
