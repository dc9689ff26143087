package io.freshguard.audit.service.chain;

import io.freshguard.audit.config.ChainConfig;
import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.ChainEvent;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.repository.AssetStateRepository;
import io.freshguard.audit.repository.AuditReadRepository;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.service.runtime.StoreJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The bound on a chain that has not settled: one that made no move for {@code stuck-after} is moved where the store's
 * evidence says (FRESH when every asset of its site reads FRESH for it, SUPERSEDED when a later deploy came), or else
 * flagged: a CHAIN_STUCK entry once, the {@code freshguard_chains_stuck} gauge and the {@code chains} health group.
 */
@ApplicationScoped
public class ChainReconciler {

    /** One pass looks at this many of the oldest quiet chains at most. */
    static final int PAGE = 200;

    private final DeployRepository deploys;
    private final AssetStateRepository states;
    private final AuditReadRepository entries;
    private final DeployChain chains;
    private final SiteDirectory sites;
    private final ChainConfig config;
    private final Clock clock;
    private volatile List<Long> stuck = List.of();

    public ChainReconciler(DeployRepository deploys, AssetStateRepository states, AuditReadRepository entries,
            DeployChain chains, SiteDirectory sites, ChainConfig config, Clock clock, MeterRegistry metrics) {
        this.sites = sites;
        this.deploys = deploys;
        this.states = states;
        this.entries = entries;
        this.chains = chains;
        this.config = config;
        this.clock = clock;
        Gauge.builder("freshguard.chains.stuck", this, r -> r.stuck.size())
                .description("Deploy chains that made no move for stuck-after and could not be reconciled")
                .register(metrics);
    }

    /** The chains found stuck by the last pass, oldest first. */
    public List<Long> stuck() {
        return stuck;
    }

    @StoreJob
    @Scheduled(every = "${freshguard.chains.reconcile-interval:PT1M}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // the store may be down: the next pass looks again
            Log.warnf("Chain reconciliation skipped: %s", e.toString());
        }
    }

    @Transactional
    public void reconcile() {
        Instant now = clock.instant();
        // a site without probed assets can never be proven FRESH: INVALIDATED is as far as its chains go
        List<String> probed = sites.sites().entrySet().stream().filter(e -> !e.getValue().assets().isEmpty())
                .map(Map.Entry::getKey).toList();
        List<DeployRecord> quiet = deploys.unsettledSince(probed, now.minus(config.stuckAfter()), PAGE);
        // nothing more is read on a pass that finds every chain moving (an idle replica's every pass)
        List<AssetState> assets = quiet.isEmpty() ? List.of() : states.all();
        Map<String, DeployRecord> newestBySite = new HashMap<>();
        List<Long> stillStuck = new ArrayList<>();
        for (DeployRecord chain : quiet) {
            DeployRecord newest = newestBySite.computeIfAbsent(chain.site, s -> deploys.latestTwo(s).get(0));
            if (!settle(chain, newest, assets, now)) {
                stillStuck.add(chain.id);
                flag(chain, now);
            }
        }
        stuck = List.copyOf(stillStuck);
    }

    private boolean settle(DeployRecord chain, DeployRecord newest, List<AssetState> assets, Instant now) {
        Set<Long> judged = Set.of(chain.id, newest.id);
        boolean served = newest.id.equals(chain.id) || Objects.equals(newest.coalescedInto, chain.id);
        if (!served) {
            return chains.apply(chain, ChainEvent.SUPERSEDED, now, Map.of("by", newest.id, "reconciled", true));
        }
        List<AssetState> site = assets.stream().filter(a -> a.key.site().equals(chain.site)).toList();
        if (!site.isEmpty() && site.stream().allMatch(a -> a.state == Freshness.FRESH && judged.contains(a.deployId))) {
            // every asset's last verdict (each the worst of its copies and edges) is FRESH for this deploy
            return chains.apply(chain, ChainEvent.SEEN_FRESH, now, Map.of("reconciled", true));
        }
        return false;
    }

    private void flag(DeployRecord chain, Instant now) {
        if (entries.countEntriesSince(chain.id, AuditKind.CHAIN_STUCK.name(), chain.statusChangedAt) > 0) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", chain.status.name());
        data.put("since", chain.statusChangedAt.toString());
        data.put("stuckAfter", config.stuckAfter().toString());
        chains.record(chain.id, AuditKind.CHAIN_STUCK, data);
        Log.warnf("Deploy %d has been %s since %s with no move: flagged stuck", chain.id, chain.status, chain.statusChangedAt);
    }
}
