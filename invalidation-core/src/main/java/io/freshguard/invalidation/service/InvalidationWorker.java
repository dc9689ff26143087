package io.freshguard.invalidation.service;

import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.service.chain.DeployRecorded;
import io.freshguard.audit.service.chain.WorkDue;
import io.freshguard.audit.service.runtime.BackgroundThreads;
import io.freshguard.audit.service.runtime.ShutdownBudget;
import io.freshguard.audit.service.runtime.StoreGaugeReadings;
import io.freshguard.invalidation.config.PurgeConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives the outbox: plans batches for recorded deploys and sends or follows every due batch. One thread per
 * replica does the work; rows leased in the store keep replicas apart. Ticks are woken by events (a deploy
 * committed here, a probe that saw an asset behind, a peer's notice) and scheduled for the exact moment the next
 * known work is due (a coalesce window's end, a poll, a retry); an idle replica asks the store only every
 * {@link #SAFETY_NET}, for work nobody announced (a peer that crashed after its commit).
 */
@ApplicationScoped
public class InvalidationWorker {

    private final BatchPlanner planner;
    private final HealPlanner healer;
    private final BatchLedger ledger;
    private final PurgeGateways gateways;
    private final SiteDirectory sites;
    private final PurgeRateLimiter rateLimiter;
    private final PurgeConfig config;
    private final Clock clock;
    /**
     * How often the worker's own thread checks, in memory, whether the safety net is due: a timer of its own rather
     * than a framework job every second, so an idle replica wakes a handful of times a minute.
     */
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /**
     * How often the worker looks for due work in the store even when nothing woke it: only a missed notice (a peer's
     * lost while its LISTEN connection was down) waits this long, and on an idle replica this look is most of the
     * worker's cost (bench/README.md, idle).
     */
    public static final Duration SAFETY_NET = Duration.ofSeconds(60);

    /** The first retry after a failed tick; each failure in a row doubles it, up to the safety net. */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    /** At most one tick waits to run: a slow store makes ticks longer, never a growing queue of them. */
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private Instant nextWake;
    // elapsed time, not the service's Clock: it paces the re-check, it says nothing about when anything happened
    private volatile long lastTick = Long.MIN_VALUE / 2;
    /** Ticks failed in a row; read and written on the worker thread only. */
    private int failuresInARow;

    public InvalidationWorker(BatchPlanner planner, HealPlanner healer, BatchLedger ledger, PurgeGateways gateways,
            SiteDirectory sites, PurgeRateLimiter rateLimiter, PurgeConfig config, Clock clock, MeterRegistry metrics, StoreGaugeReadings readings) {
        this.planner = planner;
        this.healer = healer;
        this.ledger = ledger;
        this.gateways = gateways;
        this.sites = sites;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.clock = clock;
        Gauge.builder("freshguard.invalidation.oldest.due.seconds", ledger, l -> readings.read("freshguard.invalidation.oldest.due",
                        () -> l.oldestUnattendedDue().map(due -> Math.max(0, Duration.between(due, clock.instant()).toMillis()) / 1000.0)
                                .orElse(0.0), 0.0))
                .description("How long the longest-waiting due invalidation batch has waited for a worker (0: none waits)")
                .register(metrics);
        Gauge.builder("freshguard.invalidation.queue.depth", ledger,
                        l -> readings.read("freshguard.invalidation.queue.depth", l::activeBatches, 0L))
                .description("Invalidation batches not finished: queued, retrying, blocked or in progress (from the store)")
                .register(metrics);
    }

    void start(@Observes StartupEvent event) {
        ScheduledExecutorService worker = BackgroundThreads.lane("freshguard-invalidation-worker");
        worker.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        executor = worker;
        if (config.dryRun()) {
            Log.warn("freshguard.purge.dry-run=true: purges are recorded, never sent");
        }
    }

    /**
     * Lets a tick that is talking to CloudFront record the answer before the store closes; one that overruns is
     * interrupted, and its leased batch is retried after a restart with the same CallerReference.
     */
    void stop(@Observes ShutdownEvent event, ShutdownBudget budget) {
        BackgroundThreads.stop(executor, budget.remaining());
    }

    void onDeployRecorded(@Observes DeployRecorded recorded) {
        wakeAt(clock.instant().plus(config.coalesceWindow()));
    }

    void onWorkDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkDue due) {
        requestTick();
    }

    /** In memory only: a tick (and with it the store) only when the safety net is due. */
    private void heartbeat() {
        if (System.nanoTime() - lastTick >= SAFETY_NET.toNanos()) {
            requestTick();
        }
    }

    private void requestTick() {
        if (tickQueued.compareAndSet(false, true)) {
            submit(() -> executor.execute(() -> {
                tickQueued.set(false);
                tick();
            }));
        }
    }

    /** Schedules a tick at a moment, unless one is already due by then (a burst of deploys schedules one tick). */
    private synchronized void wakeAt(Instant at) {
        Instant now = clock.instant();
        if (nextWake != null && !nextWake.isAfter(at) && nextWake.isAfter(now)) {
            return;
        }
        nextWake = at;
        submit(() -> executor.schedule(this::requestTick, Math.max(0, Duration.between(now, at).toMillis()),
                TimeUnit.MILLISECONDS));
    }

    /** Hands work to the worker thread; once shutting down there is none, and the rows wait for the next start. */
    private void submit(Runnable handOver) {
        try {
            handOver.run();
        } catch (RejectedExecutionException shuttingDown) {
            tickQueued.set(false);
        }
    }

    /** Plans and works off everything due now. Runs on the worker thread only. */
    void tick() {
        lastTick = System.nanoTime();
        try {
            Optional<Instant> nextPlan = planner.planDue();
            healer.planHeals();
            Optional<BatchLedger.Lease> lease;
            while ((lease = ledger.leaseNextDue()).isPresent()) {
                work(lease.get());
            }
            // the next known work (a window's end, a poll, a retry) gets a tick at its moment
            nextPlan.ifPresent(this::wakeAt);
            ledger.nextDueAt().ifPresent(this::wakeAt);
            failuresInARow = 0;
        } catch (RuntimeException | AssertionError e) {
            // the store may be down (the driver reports a connection lost mid-batch as an AssertionError), or a row
            // changed under the tick: the rows are still there, and a retry soon picks them up rather than the
            // safety net a minute later
            Duration retry = retryAfterFailure(++failuresInARow);
            Log.warnf("Invalidation tick failed, next try in %s: %s", retry, e.toString());
            wakeAt(clock.instant().plus(retry));
        }
    }

    /** How long to wait after the given number of failed ticks in a row (1 for the first). */
    static Duration retryAfterFailure(int failuresInARow) {
        Duration retry = RETRY_AFTER_FAILURE.multipliedBy(1L << Math.min(failuresInARow - 1, 10));
        return retry.compareTo(SAFETY_NET) < 0 ? retry : SAFETY_NET;
    }

    private void work(BatchLedger.Lease lease) {
        Optional<PurgeTarget> target = sites.target(lease.target());
        if (target.isEmpty()) {
            // no site names the target any more: nothing can be sent for it, and the chain must not wait forever
            PurgeAnswer gone = new PurgeAnswer.Rejected("UnknownTarget", lease.target() + " is no longer configured");
            recordOrRelease(lease, () -> ledger.recordCreate(lease, gone, Duration.ZERO));
            return;
        }
        PurgeGateway gateway = gateways.of(target.get().vendor());
        if (lease.poll()) {
            long started = System.nanoTime();
            PurgeAnswer answer = gateway.follow(target.get(), lease.purgeId());
            recordOrRelease(lease, () -> ledger.recordPoll(lease, answer, Duration.ofNanos(System.nanoTime() - started)));
            return;
        }
        Duration wait = rateLimiter.tryAcquire(target.get().vendor());
        if (!wait.isZero()) {
            ledger.postpone(lease, wait);
            wakeAt(clock.instant().plus(wait));
            return;
        }
        long started = System.nanoTime();
        PurgeAnswer answer = gateway.purge(target.get(), lease.callerReference(), lease.paths());
        recordOrRelease(lease, () -> ledger.recordCreate(lease, answer, Duration.ofNanos(System.nanoTime() - started)));
    }

    /** Records a call's answer; if that fails, hands the batch back (when the store lets us) and fails the tick. */
    private void recordOrRelease(BatchLedger.Lease lease, Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            try {
                ledger.release(lease);
            } catch (RuntimeException storeDown) {
                // the lease runs out by itself
                e.addSuppressed(storeDown);
            }
            throw e;
        }
    }
}
