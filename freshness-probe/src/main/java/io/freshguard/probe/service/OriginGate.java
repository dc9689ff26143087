package io.freshguard.probe.service;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.config.SitesConfig;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.service.chain.DeployChain;
import io.freshguard.audit.service.chain.DeployRecorded;
import io.freshguard.audit.service.chain.WorkDue;
import io.freshguard.audit.service.runtime.BackgroundThreads;
import io.freshguard.audit.service.runtime.StoreJob;
import io.freshguard.probe.config.ProbeConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code invalidate-after-origin}: watches the origin of a site whose deploy waits, every in-flight-interval, and
 * records the moment it serves the deploy's build; the invalidation planner holds the deploy until then (or until
 * {@code origin-wait} has passed). Deploys are learnt in-process when recorded and from the store every probe
 * interval, so a restart or another replica's webhook loses none.
 */
@ApplicationScoped
public class OriginGate {

    private final SiteDirectory sites;
    private final ChainReader chains;
    private final AssetFetcher fetcher;
    private final DeployRepository deploys;
    private final DeployChain deployChains;
    private final Event<WorkDue> workDue;
    private final ProbeConfig config;
    private final Clock clock;
    /** Sites with a deploy waiting for its origin, and when the wait ends. */
    private final Map<String, Instant> waiting = new ConcurrentHashMap<>();
    private ScheduledExecutorService lane;

    public OriginGate(SiteDirectory sites, ChainReader chains, AssetFetcher fetcher, DeployRepository deploys,
            DeployChain deployChains, Event<WorkDue> workDue, ProbeConfig config, Clock clock) {
        this.sites = sites;
        this.chains = chains;
        this.fetcher = fetcher;
        this.deploys = deploys;
        this.deployChains = deployChains;
        this.workDue = workDue;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (sites.sites().values().stream().anyMatch(SitesConfig.Site::invalidateAfterOrigin)) {
            lane = BackgroundThreads.lane("freshguard-origin-gate");
            long every = config.inFlightInterval().toMillis();
            lane.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (lane != null) {
            lane.shutdownNow();
        }
    }

    void onRecorded(@Observes DeployRecorded recorded) {
        gated(recorded.site()).ifPresent(site -> waiting.put(recorded.site(), clock.instant().plus(site.originWait())));
    }

    @StoreJob
    @Scheduled(every = "${freshguard.probe.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void catchUp() {
        if (lane == null) {
            return;
        }
        try {
            List<String> gatedSites = sites.sites().entrySet().stream().filter(e -> e.getValue().invalidateAfterOrigin())
                    .map(Map.Entry::getKey).toList();
            if (!gatedSites.isEmpty()) {
                QuarkusTransaction.requiringNew().call(() -> deploys.sitesAwaitingOrigin(gatedSites)).forEach(site ->
                        gated(site).ifPresent(settings -> waiting.putIfAbsent(site, clock.instant().plus(settings.originWait()))));
            }
        } catch (RuntimeException e) {
            Log.warnf("Origin gate could not read waiting deploys: %s", e.toString());
        }
    }

    private void watch() {
        Instant now = clock.instant();
        waiting.entrySet().removeIf(e -> e.getValue().isBefore(now));
        for (String site : waiting.keySet()) {
            try {
                if (originServesLatest(site)) {
                    QuarkusTransaction.requiringNew().run(() -> originReady(site, clock.instant()));
                    waiting.remove(site);
                }
            } catch (RuntimeException e) {
                Log.warnf("Origin gate check of %s failed: %s", site, e.toString());
            }
        }
    }

    /** The origin serves the latest build: every deploy of the site still waiting for it may be invalidated now. */
    private void originReady(String site, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        List<DeployRecord> held = deploys.awaitingOrigin(site);
        for (DeployRecord deploy : held) {
            deployChains.originReady(deploy, now, Map.of("site", site,
                    "waitedMs", Duration.between(deploy.receivedAt, now).toMillis()));
        }
        if (!held.isEmpty()) {
            workDue.fire(new WorkDue("the origin serves a held deploy's build"));
        }
    }

    /** Every asset with an origin-url serves the build of the site's latest deploy. */
    private boolean originServesLatest(String site) {
        var latest = chains.latest(site);
        if (latest.isEmpty()) {
            return false;
        }
        for (var asset : sites.site(site).orElseThrow().assets().values()) {
            if (asset.originUrl().isEmpty()) {
                continue;
            }
            BuildMarker marker = asset.marker().map(BuildMarker::custom).orElseGet(BuildMarker::defaults);
            AssetFetcher.Fetch origin = fetcher.fetch(asset.originUrl().get(), marker);
            if (!origin.ok() || origin.marker().isEmpty()
                    || !FreshnessJudge.matches(origin.marker().get(), latest.get().expectation())) {
                return false;
            }
        }
        return true;
    }

    private Optional<SitesConfig.Site> gated(String site) {
        return sites.site(site).filter(SitesConfig.Site::invalidateAfterOrigin);
    }
}
