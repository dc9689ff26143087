package io.freshguard.invalidation.service;

import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.config.SitesConfig;
import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.BatchPurpose;
import io.freshguard.audit.domain.BatchStatus;
import io.freshguard.audit.domain.ChainEvent;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.InvalidationBatch;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.repository.InvalidationBatchRepository;
import io.freshguard.audit.service.chain.DeployChain;
import io.freshguard.audit.service.log.AuditTrail;
import io.freshguard.invalidation.config.PurgeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The outbox reader: turns deploys that are RECEIVED and have no batch yet into batches, a batch per purge target (and
 * per request the target's vendor takes), once the oldest of them has waited the coalesce window. Everything is written
 * before anything is sent.
 */
@ApplicationScoped
public class BatchPlanner {

    private final DeployRepository deploys;
    private final InvalidationBatchRepository batches;
    private final SiteDirectory sites;
    private final PurgeGateways gateways;
    private final PurgeConfig config;
    private final AuditTrail audit;
    private final DeployChain chain;
    private final Clock clock;
    private final MeterRegistry metrics;

    /** How far back a deploy already FRESH before planning is still planned (see {@link DeployRepository#lockUnplanned}). */
    static final Duration FRESH_UNPLANNED_WINDOW = Duration.ofDays(1);

    public BatchPlanner(DeployRepository deploys, InvalidationBatchRepository batches, SiteDirectory sites,
            PurgeGateways gateways, PurgeConfig config, AuditTrail audit, DeployChain chain, Clock clock, MeterRegistry metrics) {
        this.deploys = deploys;
        this.batches = batches;
        this.sites = sites;
        this.gateways = gateways;
        this.config = config;
        this.audit = audit;
        this.chain = chain;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Plans what is due; returns when the next not-yet-due group becomes due, if any. */
    @Transactional
    public Optional<Instant> planDue() {
        Instant now = clock.instant();
        // a deploy the probe saw FRESH before it was planned is planned all the same, if it is this recent (a worker down
        // for longer leaves such deploys to the probe's verdict; RECEIVED ones are planned whatever their age)
        List<DeployRecord> waiting = deploys.lockUnplanned(5000, now.minus(FRESH_UNPLANNED_WINDOW));
        Map<List<String>, List<DeployRecord>> byTargets = new LinkedHashMap<>();
        Instant nextDue = null;
        Set<Long> waitingIds = waiting.stream().map(d -> d.id).collect(Collectors.toSet());
        Map<String, DeployRecord> newestBySite = new HashMap<>();
        for (DeployRecord deploy : waiting) {
            SitesConfig.Site site = sites.site(deploy.site).orElse(null);
            if (site == null) {
                continue;
            }
            // one read per site, however many of its deploys wait (a burst is hundreds)
            DeployRecord newest = newestBySite.computeIfAbsent(deploy.site, s -> deploys.latestTwo(s).get(0));
            if (!waitingIds.contains(newest.id)) {
                // a late redelivery of an earlier deploy: customers are to get a later one, so nothing to invalidate
                chain.apply(deploy, ChainEvent.SUPERSEDED, now, Map.of("by", newest.id, "invalidation", "not sent"));
                continue;
            }
            // a deploy the probe already saw FRESH through the CDN is served by the origin: nothing to hold for
            if (site.invalidateAfterOrigin() && deploy.originReadyAt == null && deploy.status != ChainStatus.FRESH) {
                Instant giveUp = deploy.receivedAt.plus(site.originWait());
                if (now.isBefore(giveUp)) {
                    // held until the origin serves the build, so the CDN cannot re-cache the old one from old dynos
                    nextDue = nextDue == null || giveUp.isBefore(nextDue) ? giveUp : nextDue;
                    continue;
                }
                chain.record(deploy.id, AuditKind.ORIGIN_WAIT_TIMED_OUT, Map.of("waited",
                        site.originWait().toString(), "then", "invalidating anyway: the origin never served this build"));
            }
            // sites served by the same targets are coalesced together; each group purges each of them
            byTargets.computeIfAbsent(sites.targets(deploy.site).stream().map(PurgeTarget::key).toList(), d -> new ArrayList<>())
                    .add(deploy);
        }
        for (Map.Entry<List<String>, List<DeployRecord>> group : byTargets.entrySet()) {
            Instant due = group.getValue().get(0).receivedAt.plus(config.coalesceWindow());
            if (due.isAfter(now)) {
                nextDue = nextDue == null || due.isBefore(nextDue) ? due : nextDue;
                continue;
            }
            plan(group.getKey(), group.getValue(), now);
        }
        return Optional.ofNullable(nextDue);
    }

    private void plan(List<String> targetKeys, List<DeployRecord> group, Instant now) {
        // each target's requests, shaped by its vendor (CloudFront collapses many paths under a prefix into prefix/*)
        Map<PurgeTarget, List<List<String>>> requestsByTarget = new LinkedHashMap<>();
        for (String key : targetKeys) {
            PurgeTarget target = sites.target(key).orElseThrow();
            List<String> wanted = new ArrayList<>();
            for (DeployRecord deploy : group) {
                // each site purges its own keys or tags on a target it shares
                wanted.addAll(sites.target(deploy.site, key).orElseThrow().items(sites.site(deploy.site).orElseThrow().paths()));
            }
            requestsByTarget.put(target, gateways.of(target.vendor()).split(target, wanted));
        }

        // the burst's newest deploy in deploy order is what customers are to get
        DeployRecord primary = group.stream().max(Comparator.comparing(DeployRecord::liveAt).thenComparing(d -> d.id)).orElseThrow();
        // only a chain the probe has not judged yet may take more deploys (one already FRESH for an earlier build
        // would pass them as fresh at once), and a newest deploy the probe already saw FRESH keeps its own chain
        // an unsent batch is joined only on a single target: with several, each would need its own, of one chain
        List<String> single = requestsByTarget.size() == 1
                ? requestsByTarget.values().iterator().next().stream().flatMap(List::stream).toList() : List.of();
        Optional<InvalidationBatch> joinable = primary.status == ChainStatus.FRESH || targetKeys.size() > 1 ? Optional.empty()
                : batches.joinableFor(targetKeys.get(0)).stream()
                        .filter(b -> b.pathList().containsAll(single) && deploys.findById(b.deployId).status.isInvalidationLed())
                        .findFirst();
        if (joinable.isPresent()) {
            // an unsent batch with these paths will go out after all of these deploys: it serves them too
            coalesce(group, joinable.get().deployId, joinable.get().id, now);
            return;
        }

        List<Long> batchIds = new ArrayList<>();
        for (Map.Entry<PurgeTarget, List<List<String>>> requests : requestsByTarget.entrySet()) {
            PurgeTarget target = requests.getKey();
            for (List<String> part : requests.getValue()) {
                InvalidationBatch batch = newBatch(primary.id, null, target.key(),
                        "freshguard-" + primary.id + "-" + UUID.randomUUID(), part,
                        config.dryRun() ? BatchStatus.DRY_RUN : BatchStatus.QUEUED, now);
                batchIds.add(batch.id);
                audit.append(AuditKind.BATCH_PLANNED, AuditSubject.batch(batch.id), primary.id, Map.of(
                        "target", target.key(), "callerReference", batch.callerReference, "paths", part,
                        "deploys", group.stream().map(d -> d.id).toList()));
            }
        }
        if (config.dryRun()) {
            chain.apply(primary, ChainEvent.DRY_RUN_PLANNED, now, Map.of(
                    "targets", targetKeys, "wouldInvalidate", requestsByTarget.values().stream().flatMap(List::stream).flatMap(List::stream).distinct().toList(),
                    "batches", batchIds));
            metrics.counter("freshguard.invalidations", "outcome", "dry_run").increment();
        }
        coalesce(group.stream().filter(d -> !d.id.equals(primary.id)).toList(), primary.id, batchIds.get(0), now);
        supersedeBefore(primary, now);
    }

    /** Earlier deploys of the site whose builds were never seen will not be now: their chains end SUPERSEDED. */
    private void supersedeBefore(DeployRecord newer, Instant now) {
        for (DeployRecord older : deploys.unsettledBefore(newer)) {
            chain.apply(older, ChainEvent.SUPERSEDED, now, Map.of("by", newer.id));
        }
    }

    private void coalesce(List<DeployRecord> served, long into, long batchId, Instant now) {
        // a burst coalesces hundreds of deploys in this transaction: their entries go out as one batch
        chain.coalesce(served, into, now, deploy -> Map.of("into", into, "batch", batchId));
        metrics.counter("freshguard.invalidations", "outcome", "coalesced").increment(served.size());
    }

    /**
     * Writes a batch before anything is sent, with the CallerReference every retry of it reuses. Heals are written
     * the same way ({@link HealPlanner}), with their number: the key (chain, target, number) is unique, so a replica
     * planning the same heal at once fails its insert.
     *
     * @param healAttempt which heal of the chain this is; null for the deploy's own batch
     */
    static InvalidationBatch newBatch(long deployId, Integer healAttempt, String target, String callerReference,
            Collection<String> paths, BatchStatus status, Instant now) {
        InvalidationBatch batch = new InvalidationBatch();
        batch.deployId = deployId;
        batch.purpose = healAttempt == null ? BatchPurpose.DEPLOY : BatchPurpose.HEAL;
        batch.healAttempt = healAttempt;
        batch.target = target;
        batch.callerReference = callerReference;
        batch.paths = String.join("\n", paths);
        batch.wildcardPaths = (int) paths.stream().filter(InvalidationPaths::isWildcard).count();
        batch.filePaths = paths.size() - batch.wildcardPaths;
        batch.status = status;
        batch.nextAttemptAt = now;
        batch.createdAt = now;
        batch.persist();
        return batch;
    }
}
