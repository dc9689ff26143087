package io.freshguard.probe.service;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.service.chain.DeployInvalidated;
import io.freshguard.audit.service.chain.InvalidationRequested;
import io.freshguard.audit.service.runtime.BackgroundThreads;
import io.freshguard.audit.service.runtime.ShutdownBudget;
import io.freshguard.audit.service.runtime.StoreGaugeReadings;
import io.freshguard.audit.service.runtime.StoreJob;
import io.freshguard.probe.config.ProbeConfig;
import io.freshguard.probe.config.ProbeMode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs probe cycles: every {@code interval} over all assets (one replica at a time, by lease), and at once for a
 * site whose deploy was just invalidated, so time-to-fresh is measured to the second. Cycles run one after the
 * other on one thread; the fetches of a cycle fan out over {@code concurrency} threads.
 */
@ApplicationScoped
public class ProbeCycle {

    private final SiteDirectory sites;
    private final ProbeConfig config;
    private final AssetFetcher fetcher;
    private final ChainReader chains;
    private final ProbeRecorder recorder;
    private final ProbeLease lease;
    private final Clock clock;
    /** Names this replica on the edges it probed (and on an edge that did not name itself). */
    private final String replica = ManagementFactory.getRuntimeMXBean().getName();
    private final AtomicInteger staleAssets = new AtomicInteger();
    private final Timer cycleTimer;
    private final List<ProbedAsset> assets = new ArrayList<>();
    private final List<ContentEncoding> encodings = new ArrayList<>();
    /** Judges each asset from its fetched copies; built at start, once the encodings are known. */
    private volatile AssetJudge judge;
    /** A slow store makes cycles longer, never a queue of them: at most one cycle and one probe per site wait. */
    private final AtomicBoolean cycleQueued = new AtomicBoolean();
    private static final Duration IN_FLIGHT_AT_MOST = Duration.ofMinutes(30);
    private final Set<String> sitesQueued = ConcurrentHashMap.newKeySet();
    /** Sites whose invalidation CloudFront is working on, probed every in-flight-interval until it completes. */
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

    /** The newest deploy of a site whose invalidation is in flight, and when to stop probing early regardless. */
    private record InFlight(long deployId, Instant until) {
    }
    private volatile ScheduledExecutorService inFlightLane;
    private volatile ExecutorService coordinator;
    private volatile ExecutorService fetchers;

    public ProbeCycle(SiteDirectory sites, ProbeConfig config, AssetFetcher fetcher, ChainReader chains,
            ProbeRecorder recorder, ProbeLease lease, ProbeProgress progress, Clock clock, MeterRegistry metrics,
            StoreGaugeReadings readings) {
        this.sites = sites;
        this.config = config;
        this.fetcher = fetcher;
        this.chains = chains;
        this.recorder = recorder;
        this.lease = lease;
        this.clock = clock;
        Gauge.builder("freshguard.assets.stale", staleAssets, AtomicInteger::get)
                .description("Assets whose CDN copy is STALE as of the last probe")
                .register(metrics);
        Gauge.builder("freshguard.probe.last.success.timestamp.seconds", progress, p -> readings.read(
                        "freshguard.probe.last.success", () -> p.lastRecorded().map(Instant::getEpochSecond).orElse(0L), 0L))
                .description("When any replica last recorded an asset's verdict (Unix seconds, from the store)")
                .register(metrics);
        this.cycleTimer = Timer.builder("freshguard.probe.cycle")
                .description("One scheduled probe cycle over every asset: fetch, judge, record")
                .register(metrics);
    }

    void start(@Observes StartupEvent event) {
        for (String name : config.encodings()) {
            encodings.add(ContentEncoding.parse(name).orElseThrow(() -> new IllegalStateException(
                    "freshguard.probe.encodings: '" + name + "' is not one of br, gzip, identity")));
        }
        if (encodings.isEmpty()) {
            throw new IllegalStateException("freshguard.probe.encodings: at least one of br, gzip, identity is needed");
        }
        judge = new AssetJudge(encodings, replica);
        // every configured asset, and its path on each other target's host: customers load it from each
        sites.sites().forEach((site, settings) -> sites.assets(site).forEach((name, asset) -> assets.add(new ProbedAsset(
                site, name, asset.url(), asset.originUrl().orElse(null),
                asset.marker().map(BuildMarker::custom).orElseGet(BuildMarker::defaults), settings.grace()))));
        fetcher.checkPins(assets.stream().map(ProbedAsset::url).toList());
        // a probe runs one task per asset at a time (the coordinator runs one probe at a time): more threads than
        // assets would only ever sit idle
        fetchers = Executors.newFixedThreadPool(Math.max(1, Math.min(config.concurrency(), assets.size())),
                BackgroundThreads.numbered("freshguard-probe-fetch"));
        coordinator = BackgroundThreads.lane("freshguard-probe");
        inFlightLane = BackgroundThreads.lane("freshguard-probe-in-flight");
        // in memory only: with nothing in flight a run costs a map lookup, no query
        inFlightLane.scheduleWithFixedDelay(this::probeInFlight, config.inFlightInterval().toMillis(),
                config.inFlightInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A cycle under way finishes and records what it found within the shutdown's shared grace (it runs on its own lane,
     * so the scheduled job's own wait does not cover it); whatever is still fetching after that is interrupted.
     */
    void stop(@Observes ShutdownEvent event, ShutdownBudget budget) {
        inFlightLane.shutdown();
        BackgroundThreads.stop(coordinator, budget.remaining());
        BackgroundThreads.stop(inFlightLane, budget.remaining());
        fetchers.shutdownNow();
    }

    @StoreJob
    @Scheduled(every = "${freshguard.probe.interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        ExecutorService coordinator = this.coordinator;
        // StoreJob lets a tick in only after start-up has ended, when start() has built the lanes
        if (!assets.isEmpty() && !coordinator.isShutdown() && cycleQueued.compareAndSet(false, true)) {
            coordinator.execute(() -> {
                cycleQueued.set(false);
                try {
                    if (config.mode() == ProbeMode.EVERY_REPLICA
                            || lease.acquire(config.interval().plus(config.timeout()).plus(config.timeout()))) {
                        cycleTimer.record(() -> probe(assets));
                    }
                } catch (RuntimeException e) {
                    // the store may be down when taking the lease (probe() handles its own failures): the next tick asks again
                    Log.warnf("Probe cycle skipped: %s", e.toString());
                }
            });
        }
    }

    void onRequested(@Observes(during = TransactionPhase.AFTER_SUCCESS) InvalidationRequested requested) {
        // CloudFront invalidations take seconds to minutes: past this, the regular cycle is enough
        inFlight.merge(requested.site(), new InFlight(requested.deployId(), clock.instant().plus(IN_FLIGHT_AT_MOST)),
                (old, now) -> now.deployId() >= old.deployId() ? now : old);
    }

    private void probeInFlight() {
        try {
            probeInFlightSites();
        } catch (RuntimeException e) {
            // a failed run must not cancel the lane; the next run tries again
            Log.warnf("In-flight probe failed: %s", e.toString());
        }
    }

    private void probeInFlightSites() {
        Instant now = clock.instant();
        inFlight.entrySet().removeIf(e -> e.getValue().until().isBefore(now));
        inFlight.keySet().forEach(site -> probeSite(site, results -> {
            if (!results.isEmpty() && results.stream().allMatch(r -> r.state() == Freshness.FRESH)) {
                // the edge serves the build: nothing left to confirm early
                inFlight.remove(site);
            }
        }));
    }

    void onInvalidated(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeployInvalidated invalidated) {
        // an older deploy's completion says nothing about a newer one still in flight
        inFlight.computeIfPresent(invalidated.site(), (site, f) -> f.deployId() <= invalidated.deployId() ? null : f);
        probeSite(invalidated.site(), results -> { });
    }

    private void probeSite(String site, Consumer<List<AssetResult>> then) {
        List<ProbedAsset> siteAssets = assets.stream().filter(a -> a.site().equals(site)).toList();
        if (!siteAssets.isEmpty() && sitesQueued.add(site)) {
            try {
                coordinator.execute(() -> {
                    sitesQueued.remove(site);
                    then.accept(probe(siteAssets));
                });
            } catch (RejectedExecutionException shuttingDown) {
                sitesQueued.remove(site);
            }
        }
    }

    /** Fetches, judges and records the given assets; returns the results. */
    public List<AssetResult> probe(List<ProbedAsset> targets) {
        // a verdict is evidence as of when its fetch began: recorded later, it must not pass for a look taken after
        // something that happened meanwhile (an invalidation completing while the fetch was under way)
        Instant fetchedFrom = clock.instant();
        try {
            // first what the edge serves, every copy of every asset at once ...
            List<Future<List<AssetFetcher.Fetch>>> fetching = new ArrayList<>(targets.size());
            for (ProbedAsset asset : targets) {
                fetching.add(fetchers.submit(() -> fetchCopies(asset)));
            }
            List<List<AssetFetcher.Fetch>> copies = new ArrayList<>(targets.size());
            for (Future<List<AssetFetcher.Fetch>> future : fetching) {
                copies.add(future.get());
            }
            // ... then the chains as they stand now, so a verdict never rests on a state older than what it judges
            Instant now = clock.instant();
            Map<String, Optional<ChainReader.SiteDeploys>> deploysBySite = new HashMap<>();
            for (ProbedAsset asset : targets) {
                deploysBySite.computeIfAbsent(asset.site(), chains::latest);
            }
            List<Future<AssetResult>> judging = new ArrayList<>(targets.size());
            for (int i = 0; i < targets.size(); i++) {
                ProbedAsset asset = targets.get(i);
                List<AssetFetcher.Fetch> fetched = copies.get(i);
                ChainReader.SiteDeploys deploys = deploysBySite.get(asset.site()).orElse(null);
                judging.add(fetchers.submit(() -> judge.judge(asset, fetched, deploys, now, a -> originIsOld(a, deploys))));
            }
            List<AssetResult> results = new ArrayList<>(targets.size());
            for (Future<AssetResult> future : judging) {
                results.add(future.get());
            }
            Map<String, Set<String>> assetsBySite = assets.stream()
                    .collect(Collectors.groupingBy(ProbedAsset::site, Collectors.mapping(ProbedAsset::asset, Collectors.toSet())));
            recorder.recordAll(results, assetsBySite, replica, fetchedFrom);
            if (targets.size() == assets.size()) {
                staleAssets.set((int) results.stream().filter(r -> r.state() == Freshness.STALE).count());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            // the store may be down: the next cycle tries again
            Log.warnf("Probe cycle failed: %s", e.toString());
            return List.of();
        }
    }

    private List<AssetFetcher.Fetch> fetchCopies(ProbedAsset asset) {
        List<AssetFetcher.Fetch> fetched = new ArrayList<>(encodings.size());
        for (ContentEncoding encoding : encodings) {
            fetched.add(fetcher.fetch(asset.url(), asset.marker(), encoding));
        }
        return fetched;
    }

    private Boolean originIsOld(ProbedAsset asset, ChainReader.SiteDeploys deploys) {
        AssetFetcher.Fetch origin = fetcher.fetch(asset.originUrl(), asset.marker());
        if (!origin.ok() || origin.marker().isEmpty()) {
            return null;
        }
        return !FreshnessJudge.matches(origin.marker().get(), deploys.expectation());
    }
}
