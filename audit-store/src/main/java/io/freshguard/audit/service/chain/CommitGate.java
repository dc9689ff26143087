package io.freshguard.audit.service.chain;

import io.freshguard.audit.config.WaitConfig;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.CommitId;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.service.query.AuditQueries;
import io.freshguard.audit.service.runtime.BackgroundThreads;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gate a pipeline waits on by what it knows, a commit or a release: first for a deploy of it to be stored, then
 * for its chain to settle ({@link GateAnswer}). A held request is a future in a queue, not a thread: one lane looks at
 * every held request of a site with one read, when a chain moves on this replica and every {@code look-every}
 * otherwise, and answers each once it has settled or its hold is up.
 */
@ApplicationScoped
public class CommitGate {

    /** What a pipeline waits for: a site's deploy of {@code commit} (a prefix of at least 7 characters) or {@code release}. */
    public record Wanted(String site, String commit, String release) {

        boolean matches(DeployRecord deploy) {
            if (release != null) {
                return release.equals(deploy.release);
            }
            return deploy.commit != null && CommitId.same(commit, deploy.commit);
        }
    }

    /** The gate's answer, and what it rests on (no deploy yet: {@code deploy} and {@code status} are null). */
    public record Answer(GateAnswer answer, Long deploy, ChainStatus status, String reason) {
    }

    /** How many of a site's newest deploys a look reads: a pipeline waits for a recent one. */
    static final int RECENT = 50;

    private record Held(Wanted wanted, Instant until, CompletableFuture<Answer> answer) {
    }

    private final DeployRepository deploys;
    private final AuditQueries queries;
    private final ChainWait chains;
    private final WaitConfig config;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean lookQueued = new AtomicBoolean();
    private volatile ScheduledThreadPoolExecutor lane;

    public CommitGate(DeployRepository deploys, AuditQueries queries, ChainWait chains, WaitConfig config, Clock clock) {
        this.deploys = deploys;
        this.queries = queries;
        this.chains = chains;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        lane = BackgroundThreads.lane("freshguard-commit-gate");
        lane.scheduleWithFixedDelay(this::lookSafely, config.lookEvery().toMillis(), config.lookEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        lane.shutdownNow();
        // whoever still waits gets the state as it stands: an answer to retry, not a dropped connection
        held.forEach(h -> h.answer().complete(new Answer(GateAnswer.WAITING, null, null, "the service is stopping")));
        held.clear();
    }

    /** A chain moved on this replica: held requests are looked at now rather than at the next tick. */
    void onMoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChainMoved moved) {
        wake();
    }

    /** The answer as it stands now, read at once. */
    @Transactional
    public Answer now(Wanted wanted) {
        return answer(wanted, deploys.recent(wanted.site(), RECENT), clock.instant());
    }

    /** Completes once the wanted deploy's chain has settled, or when {@code hold} is up with the state then. */
    public CompletionStage<Answer> await(Wanted wanted, Duration hold) {
        Held request = new Held(wanted, clock.instant().plus(hold), new CompletableFuture<>());
        held.add(request);
        wake();
        return request.answer();
    }

    private void wake() {
        ScheduledThreadPoolExecutor lane = this.lane;
        if (lane != null && !lane.isShutdown() && lookQueued.compareAndSet(false, true)) {
            try {
                lane.execute(this::lookSafely);
            } catch (RejectedExecutionException stopping) {
                lookQueued.set(false);
            }
        }
    }

    private void lookSafely() {
        lookQueued.set(false);
        if (held.isEmpty()) {
            return;
        }
        try {
            look();
        } catch (RuntimeException e) {
            // the store may be blinking: the held requests stay held until their hold is up, then answer what is known
            Log.debugf("Commit gate: could not look (%s); looking again", e.toString());
            expire(clock.instant());
        }
    }

    private void look() {
        Instant now = clock.instant();
        Map<String, List<Held>> bySite = new HashMap<>();
        held.forEach(h -> bySite.computeIfAbsent(h.wanted().site(), s -> new ArrayList<>()).add(h));
        bySite.forEach((site, waiting) -> {
            // one read per site, however many pipelines wait on it
            Map<Held, Answer> answers = QuarkusTransaction.requiringNew().call(() -> {
                List<DeployRecord> recent = deploys.recent(site, RECENT);
                Map<Held, Answer> each = new HashMap<>();
                waiting.forEach(h -> each.put(h, answer(h.wanted(), recent, now)));
                return each;
            });
            answers.forEach((h, answer) -> {
                if (answer.answer() != GateAnswer.WAITING || !now.isBefore(h.until())) {
                    held.remove(h);
                    h.answer().complete(answer);
                }
            });
        });
    }

    private void expire(Instant now) {
        held.removeIf(h -> {
            if (now.isBefore(h.until())) {
                return false;
            }
            h.answer().complete(new Answer(GateAnswer.WAITING, null, null, "the store did not answer; ask again"));
            return true;
        });
    }

    /**
     * The newest deploy of the wanted commit answers, and only while it is what customers should get (the site's
     * newest deploy, or folded into its chain): an older deploy of the same commit is history, so a rollback to it
     * waits for its own deploy to be stored instead of passing on the old chain's FRESH.
     */
    private Answer answer(Wanted wanted, List<DeployRecord> recent, Instant now) {
        Optional<DeployRecord> match = recent.stream().filter(wanted::matches).findFirst();
        if (match.isEmpty()) {
            return new Answer(GateAnswer.WAITING, null, null, "no deploy of " + describe(wanted) + " has been received yet");
        }
        DeployRecord deploy = match.get();
        DeployRecord newest = recent.get(0);
        boolean current = deploy == newest || Objects.equals(newest.coalescedInto, deploy.id)
                || deploy.coalescedInto != null && deploy.coalescedInto.equals(newest.coalescedInto);
        if (!current && deploy.status != ChainStatus.SUPERSEDED) {
            return new Answer(GateAnswer.WAITING, deploy.id, deploy.status, "a later deploy (" + newest.id
                    + ") is what customers should get; waiting for a new deploy of " + describe(wanted));
        }
        AuditQueries.ChainState state = queries.chainStateOf(deploy);
        return new Answer(chains.answer(state, now), deploy.id, state.status(), state.reason());
    }

    private static String describe(Wanted wanted) {
        return wanted.release() != null ? "release " + wanted.release() : "commit " + wanted.commit();
    }
}
