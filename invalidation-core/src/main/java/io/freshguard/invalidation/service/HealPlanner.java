package io.freshguard.invalidation.service;

import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.config.SiteAsset;
import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.BatchStatus;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.domain.ChainEvent;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.domain.InvalidationBatch;
import io.freshguard.audit.repository.AssetStateRepository;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.repository.HealBudgetRepository;
import io.freshguard.audit.repository.InvalidationBatchRepository;
import io.freshguard.audit.service.chain.DeployChain;
import io.freshguard.invalidation.config.CloudFrontConfig;
import io.freshguard.invalidation.config.PurgeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Heals the deploy race by itself. On Heroku the release webhook arrives while old dynos still serve the old build:
 * the invalidation completes, the CDN re-caches the old build, then the origin flips. When the probe has seen, after
 * a deploy's invalidation completed, that the CDN still serves an older build while the origin serves the new one
 * (or, with no origin-url, that the asset is stale past the grace), the stale paths are invalidated again: a HEAL
 * batch, written before it is sent like every batch (so it is idempotent by its CallerReference), at most
 * {@code heal-attempts} times per deploy, each after the probe looked again and a doubling backoff.
 */
@ApplicationScoped
public class HealPlanner {


    private final InvalidationBatchRepository batches;
    private final HealBudgetRepository budget;
    private final DeployRepository deploys;
    private final AssetStateRepository states;
    private final SiteDirectory sites;
    private final PurgeConfig config;
    private final CloudFrontConfig cloudfront;
    private final DeployChain chains;
    private final Clock clock;
    private final MeterRegistry metrics;

    public HealPlanner(InvalidationBatchRepository batches, HealBudgetRepository budget, DeployRepository deploys,
            AssetStateRepository states, SiteDirectory sites, PurgeConfig config, CloudFrontConfig cloudfront, DeployChain chains, Clock clock,
            MeterRegistry metrics) {
        this.batches = batches;
        this.budget = budget;
        this.deploys = deploys;
        this.states = states;
        this.sites = sites;
        this.config = config;
        this.cloudfront = cloudfront;
        this.chains = chains;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What one chain needs healed: what to purge again per target, and why. */
    private static final class Wound {
        final Map<PurgeTarget, Set<String>> itemsByTarget = new LinkedHashMap<>();
        final List<String> assets = new ArrayList<>();
        Instant lastChecked = Instant.MIN;
        String reason;
    }

    @Transactional
    public void planHeals() {
        if (config.healAttempts() <= 0 || config.dryRun()) {
            return;
        }
        Instant now = clock.instant();
        Map<DeployRecord, Wound> wounds = new LinkedHashMap<>();
        for (AssetState state : states.behind()) {
            DeployRecord deploy = deploys.findById(state.deployId);
            DeployRecord chain = deploy == null || deploy.coalescedInto == null ? deploy : deploys.findById(deploy.coalescedInto);
            // STALE: after its invalidation completed, or again after FRESH (an edge refilled the old copy)
            if (chain == null || chain.status != ChainStatus.INVALIDATED && chain.status != ChainStatus.STALE
                    || chain.invalidatedAt == null || !state.checkedAt.isAfter(chain.invalidatedAt)) {
                continue;
            }
            boolean originCurrent = Boolean.FALSE.equals(state.originOld);
            boolean stalePastGrace = state.originOld == null && state.state == Freshness.STALE;
            if (!originCurrent && !stalePastGrace) {
                // the origin itself is old: invalidating again would only fetch the same old build
                continue;
            }
            SiteAsset asset = sites.assets(state.key.site()).get(state.key.asset());
            if (asset != null) {
                Wound wound = wounds.computeIfAbsent(chain, c -> new Wound());
                String rawPath = URI.create(asset.url()).getRawPath();
                String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
                // the target whose host serves the stale copy, when known; else each of the site's targets
                List<PurgeTarget> targets = asset.target().flatMap(key -> sites.target(state.key.site(), key)).map(List::of)
                        .orElseGet(() -> sites.targets(state.key.site()));
                for (PurgeTarget target : targets) {
                    wound.itemsByTarget.computeIfAbsent(target, t -> new LinkedHashSet<>()).addAll(target.items(List.of(path)));
                }
                wound.assets.add(state.key.site() + "/" + state.key.asset());
                wound.lastChecked = state.checkedAt.isAfter(wound.lastChecked) ? state.checkedAt : wound.lastChecked;
                wound.reason = originCurrent ? "CDN serves an older build than the origin after the invalidation completed"
                        : "stale past the grace after the invalidation completed";
            }
        }
        wounds.forEach((chain, wound) -> heal(chain, wound, now));
    }

    private void heal(DeployRecord chain, Wound wound, Instant now) {
        List<InvalidationBatch> heals = batches.heals(chain.id);
        if (heals.stream().anyMatch(b -> b.status != BatchStatus.COMPLETED && b.status != BatchStatus.FAILED)) {
            return;
        }
        Instant lastCompleted = heals.stream().map(b -> b.completedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        if (lastCompleted != null && !wound.lastChecked.isAfter(lastCompleted)) {
            // the probe has not looked since the last heal completed
            return;
        }
        if (heals.size() >= config.healAttempts()) {
            exhausted(chain, wound, heals.size(), now);
            return;
        }
        if (lastCompleted != null && now.isBefore(lastCompleted.plus(config.healBackoff().multipliedBy(1L << Math.min(20, heals.size() - 1))))) {
            return;
        }
        int attempt = heals.size() + 1;
        for (Map.Entry<PurgeTarget, Set<String>> target : wound.itemsByTarget.entrySet()) {
            // only CloudFront bills paths; other CDNs' purges cost nothing
            if (target.getKey().vendor() == CdnVendor.CLOUDFRONT
                    && !budget.reserve(target.getKey().key(), now, target.getValue().size(), cloudfront.monthlyPathBudget())) {
                overBudget(chain, wound, target.getKey().key(), now);
                return;
            }
        }
        wound.itemsByTarget.forEach((target, paths) -> {
            InvalidationBatch batch = BatchPlanner.newBatch(chain.id, attempt, target.key(),
                    "freshguard-heal-" + chain.id + "-" + attempt + "-" + UUID.randomUUID(), paths, BatchStatus.QUEUED, now);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("batch", batch.id);
            data.put("attempt", attempt);
            data.put("of", config.healAttempts());
            data.put("target", target.key());
            data.put("callerReference", batch.callerReference);
            data.put("paths", List.copyOf(paths));
            data.put("assets", wound.assets);
            data.put("reason", wound.reason);
            chains.record(chain.id, AuditKind.HEAL_REQUESTED, data);
            metrics.counter("freshguard.heals", "outcome", "requested").increment();
        });
    }

    private void overBudget(DeployRecord chain, Wound wound, String target, Instant now) {
        if (chains.apply(chain, ChainEvent.OVER_BUDGET, now, Map.of("target", target, "budget",
                cloudfront.monthlyPathBudget(), "assets", wound.assets, "reason", wound.reason
                        + "; another heal would pass the month's budget of billed paths (freshguard.cloudfront.monthly-path-budget)"))) {
            metrics.counter("freshguard.heals", "outcome", "over_budget").increment();
        }
    }

    private void exhausted(DeployRecord chain, Wound wound, int heals, Instant now) {
        if (chains.apply(chain, ChainEvent.HEALS_EXHAUSTED, now, Map.of("heals", heals, "assets", wound.assets,
                "reason", wound.reason + "; still behind after " + heals + " heals: a human must look"))) {
            metrics.counter("freshguard.heals", "outcome", "exhausted").increment();
        }
    }
}
