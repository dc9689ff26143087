package io.freshguard.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.domain.BatchStatus;
import io.freshguard.audit.domain.ChainEvent;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.CommitId;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.repository.DeployIntakeRepository.KnownDeploy;
import io.freshguard.audit.service.chain.DeployNotice;
import io.freshguard.audit.service.chain.GateAnswer;
import io.freshguard.audit.service.chain.IntakeRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The chain against a plain model of the world, in every order of events jqwik can think of: webhooks (duplicates,
 * late redeliveries, rollbacks, a second sender of the same commit), the origin flipping late, per-encoding copies at
 * two edges cached, expired and refilled from an old dyno, CloudFront accepting, throttling, refusing, losing its
 * answer and completing, probe passes, heals and the background reconciliation.
 * <p>
 * The decisions are the service's own: {@link IntakeRules} (same deploy or a new one), {@link ChainEvent} (where an
 * event leaves a chain, where its invalidation stands), {@link FreshnessJudge} and {@link PassVerdict} (what a pass
 * proves) and {@link GateAnswer} (what the gate says). What the stores and workers do around them (planning, the
 * worker's retries, heals, reconciliation) is restated here in memory, as their classes do it on PostgreSQL rows;
 * the tests through the service cover that restatement.
 */
class ChainModelTest {

    static final Duration GRACE = Duration.ofMinutes(15);
    static final Duration GIVE_UP = Duration.ofHours(3);
    static final Duration STUCK_AFTER = Duration.ofMinutes(30);
    static final Duration BLOCKED_AFTER = Duration.ofMinutes(2);
    static final Duration SAME_COMMIT = Duration.ofHours(1);
    static final int HEAL_ATTEMPTS = 3;
    /**
     * The month's budget of invalidation paths (each batch here is one path) in half the worlds: deploys always go out,
     * heals stop at it (HEAL_BUDGET); the other half never reach it.
     */
    static final int TIGHT_PATH_BUDGET = 1;
    static final List<String> ASSETS = List.of("embed", "overlay");
    static final List<String> EDGES = List.of("FRA56", "IAD89");
    static final List<String> COPIES = List.of("br", "gzip", "identity");
    static final Set<ChainStatus> ANSWERED = EnumSet.of(ChainStatus.FRESH, ChainStatus.FAILED, ChainStatus.HEAL_EXHAUSTED,
            ChainStatus.HEAL_BUDGET, ChainStatus.SUPERSEDED, ChainStatus.IGNORED);

    enum Kind {
        DEPLOY, ROLLBACK, DELIVER, REDELIVER, ORIGIN_FLIP, EXPIRE, REFILL_OLD, PLAN, WORKER, PROBE, HEAL, RECONCILE, TICK,
        RESTART
    }

    record Step(Kind kind, int a, int b) {
    }

    @Provide
    Arbitrary<List<Step>> worlds() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 11)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    /**
     * A fixed seed keeps the build reproducible (3,000 orders in about 3 s); to explore further, drop the seed and
     * raise the tries (40,000 random orders take about 15 s).
     */
    @Property(tries = 3000, seed = "20261204")
    void theChainTellsTheTruthInEveryOrder(@ForAll("worlds") List<Step> steps) {
        World world = new World(steps.size() % 2 == 0 ? TIGHT_PATH_BUDGET : Integer.MAX_VALUE);
        for (Step step : steps) {
            world.run(step);
            world.checkAfterStep();
        }
        world.settle();
        world.checkSettled();
    }

    // the world's truth, the store's rows and the workers, in memory

    /** A deploy that really happened: its build went to the origin at {@code at}; senders tell of it. */
    record RealDeploy(int build, String release, String commit, Instant at) {
    }

    /** What one sender says, as it says it. */
    record Notice(RealDeploy deploy, DeployNotice notice) {
    }

    static final class Row {
        long id;
        int build;
        String release;
        String commit;
        SourceKind kind;
        String sourceKey;
        String delivery;
        String payload;
        String dedupKey;
        String commitKey;
        long generation;
        Instant receivedAt;
        Instant liveAt;
        ChainStatus status = ChainStatus.RECEIVED;
        Instant statusChangedAt;
        Long coalescedInto;
        Instant invalidatedAt;
        Instant freshAt;

        KnownDeploy known() {
            return new KnownDeploy(id, "acme", kind, sourceKey, delivery, payload, release, receivedAt, liveAt);
        }
    }

    static final class Batch {
        long deployId;
        boolean heal;
        BatchStatus status = BatchStatus.QUEUED;
        boolean existsAtCloudFront;
    }

    record AssetRow(Freshness state, long deployId, Instant checkedAt, boolean originCurrent) {
    }

    static final class World {

        final int pathBudget;

        World(int pathBudget) {
            this.pathBudget = pathBudget;
        }
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        int builds = 1;
        int origin = 1;
        final List<RealDeploy> real = new ArrayList<>(List.of(new RealDeploy(1, "v1", sha(1), now.minusSeconds(3600))));
        final List<Notice> pending = new ArrayList<>();
        final List<Notice> delivered = new ArrayList<>();
        /** What each copy (asset, edge, encoding) holds; absent: not cached, the next request fills it from the origin. */
        final Map<String, Integer> cache = new HashMap<>();
        final List<Row> rows = new ArrayList<>();
        final List<Batch> batches = new ArrayList<>();
        final Map<String, AssetRow> assets = new HashMap<>();
        boolean credentialsRefused;
        /** What the last full pass saw, per copy, and the deploy it expected then. */
        Map<String, Integer> lastPass = Map.of();
        Row lastPassExpected;

        void run(Step step) {
            switch (step.kind()) {
                case DEPLOY -> deploy(step.a(), false);
                case ROLLBACK -> deploy(step.a(), true);
                case DELIVER -> {
                    if (!pending.isEmpty()) {
                        deliver(pending.remove(step.a() % pending.size()));
                    }
                }
                case REDELIVER -> redeliver(step.a());
                case ORIGIN_FLIP -> origin = newestReal().build();
                case EXPIRE -> cache.remove(copy(step.a(), step.b()));
                // an edge filled from an old dyno: the copy holds the build before the newest
                case REFILL_OLD -> cache.put(copy(step.a(), step.b()), real.size() > 1 ? real.get(real.size() - 2).build() : 1);
                case PLAN -> plan();
                case WORKER -> worker(step.a());
                case PROBE -> probe();
                case HEAL -> heal();
                case RECONCILE -> reconcile();
                case TICK -> now = now.plusSeconds(30L + 60L * step.a() * step.b());
                // a restart loses nothing the store holds; what it loses is an answer under way (a lost CloudFront answer)
                case RESTART -> credentialsRefused = step.a() % 3 == 0;
            }
        }

        // senders

        void deploy(int choice, boolean rollback) {
            now = now.plusSeconds(5);
            RealDeploy previous = newestReal();
            RealDeploy earlier = real.get(choice % real.size());
            RealDeploy next = rollback && earlier.build() != previous.build()
                    ? new RealDeploy(earlier.build(), "v" + (real.size() + 1), earlier.commit(), now)
                    : new RealDeploy(++builds, "v" + (real.size() + 1), sha(builds), now);
            real.add(next);
            if (choice % 2 == 0) {
                origin = next.build();
            }
            // Heroku: two events about the release, each its own delivery, with the release's time
            for (int event = 0; event < 2; event++) {
                pending.add(new Notice(next, new DeployNotice(SourceKind.HEROKU, "acme-prod", "heroku-" + next.release() + "-" + event,
                        next.release(), next.commit(), "me", next.at(), null, "sha-heroku-" + next.release() + "-" + event)));
            }
            // the CI pipeline posts the README's body at once, without a time (a rerun posts the same body again)
            if (choice % 3 != 0) {
                String body = "{\"site\":\"acme\",\"release\":\"" + next.commit() + "\",\"commit\":\"" + next.commit() + "\"}";
                deliver(new Notice(next, new DeployNotice(SourceKind.GENERIC, "acme", "sha256:" + body.hashCode(), next.commit(),
                        next.commit(), "ci", null, null, "body-" + body.hashCode())));
            }
        }

        void redeliver(int choice) {
            if (delivered.isEmpty()) {
                return;
            }
            Notice again = delivered.get(choice % delivered.size());
            // a body without a time told again after a later deploy reads as a rollback (documented); senders with a
            // time or a delivery id of their own are redelivered whenever
            if (again.notice().deployedAt() == null && again.deploy() != newestReal()) {
                return;
            }
            deliver(again);
        }

        void deliver(Notice notice) {
            now = now.plusMillis(200);
            delivered.add(notice);
            DeployNotice n = notice.notice();
            long generation = 0;
            for (int attempt = 0; attempt < 4; attempt++) {
                long gen = generation;
                List<Row> clashes = rows.stream().filter(r -> r.generation == gen && clashes(r, n)).toList();
                if (clashes.isEmpty()) {
                    insert(notice, gen);
                    return;
                }
                List<KnownDeploy> known = rows.stream().filter(r -> clashes(r, n))
                        .sorted(Comparator.comparingLong((Row r) -> r.id).reversed()).map(Row::known).toList();
                IntakeRules.Decision decision = IntakeRules.decide(n, known, newestRow().map(Row::known), now, SAME_COMMIT);
                if (decision.isDuplicate()) {
                    if (decision.liveAgainAt() != null) {
                        Row again = row(decision.duplicateOf().id());
                        again.liveAt = again.liveAt.isBefore(decision.liveAgainAt()) ? decision.liveAgainAt() : again.liveAt;
                    }
                    return;
                }
                generation = decision.generation();
            }
            throw new AssertionError("intake kept clashing for " + n);
        }

        boolean clashes(Row r, DeployNotice n) {
            return r.kind == n.kind() && (r.delivery.equals(n.deliveryId()) || r.sourceKey.equals(n.sourceKey())
                    && r.payload.equals(n.payloadSha256()))
                    || n.release() != null && ("release:" + n.release()).equals(r.dedupKey)
                    || Objects.equals(CommitId.key(n.commit()), r.commitKey);
        }

        void insert(Notice notice, long generation) {
            DeployNotice n = notice.notice();
            Row row = new Row();
            row.id = rows.size() + 1;
            row.build = notice.deploy().build();
            row.release = n.release();
            row.commit = n.commit();
            row.kind = n.kind();
            row.sourceKey = n.sourceKey();
            row.delivery = n.deliveryId();
            row.payload = n.payloadSha256();
            row.dedupKey = "release:" + n.release();
            row.commitKey = CommitId.key(n.commit());
            row.generation = generation;
            row.receivedAt = now;
            row.liveAt = n.deployedAt() != null ? n.deployedAt() : now;
            row.statusChangedAt = now;
            rows.add(row);
        }

        // the invalidation worker

        void plan() {
            // DeployRepository.lockUnplanned: RECEIVED, or FRESH before anything was planned (its invalidation still goes out)
            List<Row> waiting = rows.stream().filter(r -> (r.status == ChainStatus.RECEIVED || r.status == ChainStatus.FRESH)
                    && r.coalescedInto == null && batchesOf(r, false).isEmpty()).toList();
            if (waiting.isEmpty()) {
                return;
            }
            Row newest = newestRow().orElseThrow();
            List<Row> group = new ArrayList<>();
            for (Row row : waiting) {
                if (!waiting.contains(newest)) {
                    apply(row, ChainEvent.SUPERSEDED);
                } else {
                    group.add(row);
                }
            }
            if (group.isEmpty()) {
                return;
            }
            Row primary = group.stream().max(Comparator.comparing((Row r) -> r.liveAt).thenComparingLong(r -> r.id)).orElseThrow();
            Optional<Batch> joinable = primary.status == ChainStatus.FRESH ? Optional.empty() : batches.stream()
                    .filter(b -> !b.heal && b.status.isUnsent() && row(b.deployId).status.isInvalidationLed()).findFirst();
            if (joinable.isPresent()) {
                group.forEach(r -> coalesce(r, joinable.get().deployId));
                return;
            }
            Batch batch = new Batch();
            batch.deployId = primary.id;
            batches.add(batch);
            group.stream().filter(r -> r != primary).forEach(r -> coalesce(r, primary.id));
            rows.stream().filter(r -> r != primary && UNSETTLED.contains(r.status) && before(r, primary))
                    .forEach(r -> apply(r, ChainEvent.SUPERSEDED));
        }

        void coalesce(Row row, long into) {
            row.coalescedInto = into;
            if (ChainEvent.COALESCED.from(row.status, null).isPresent()) {
                row.status = ChainStatus.COALESCED;
                row.statusChangedAt = now;
            }
        }

        void worker(int answer) {
            Optional<Batch> due = batches.stream().filter(b -> b.status.isUnsent() || b.status == BatchStatus.IN_PROGRESS).findFirst();
            if (due.isEmpty()) {
                return;
            }
            Batch batch = due.get();
            Row deploy = row(batch.deployId);
            if (!batch.heal && batch.status != BatchStatus.IN_PROGRESS && !now.isBefore(deploy.receivedAt.plus(GIVE_UP))) {
                batch.status = BatchStatus.FAILED;
                apply(deploy, ChainEvent.GAVE_UP);
                return;
            }
            if (batch.status == BatchStatus.IN_PROGRESS) {
                if (answer % 2 == 0) {
                    batch.status = BatchStatus.COMPLETED;
                    // CloudFront drops every cached copy of the paths
                    cache.clear();
                    if (!batch.heal && batchesOf(deploy, false).stream().allMatch(b -> b.status == BatchStatus.COMPLETED)) {
                        apply(deploy, ChainEvent.COMPLETED);
                    }
                }
                return;
            }
            if (credentialsRefused) {
                batch.status = BatchStatus.BLOCKED;
                event(batch, deploy, ChainEvent.REFUSED);
            } else if (answer % 4 == 1) {
                batch.status = BatchStatus.RETRYING;
                event(batch, deploy, ChainEvent.WAIT);
            } else if (answer % 4 == 2 && !batch.existsAtCloudFront) {
                // CloudFront made it but the answer was lost: the retry's CallerReference returns the same invalidation
                batch.existsAtCloudFront = true;
            } else {
                batch.existsAtCloudFront = true;
                batch.status = BatchStatus.IN_PROGRESS;
                event(batch, deploy, ChainEvent.ACCEPTED);
            }
        }

        void event(Batch batch, Row deploy, ChainEvent event) {
            if (!batch.heal) {
                apply(deploy, event);
            }
        }

        // the probe

        void probe() {
            Optional<Row> expected = newestRow();
            Map<String, Integer> served = new HashMap<>();
            Map<String, Freshness> verdicts = new HashMap<>();
            Instant passStart = now;
            for (int a = 0; a < ASSETS.size(); a++) {
                Freshness worst = Freshness.FRESH;
                for (int e = 0; e < EDGES.size(); e++) {
                    for (int c = 0; c < COPIES.size(); c++) {
                        String copy = ASSETS.get(a) + "/" + EDGES.get(e) + "/" + COPIES.get(c);
                        int build = cache.computeIfAbsent(copy, k -> origin);
                        served.put(copy, build);
                        Freshness state = expected.isEmpty() ? Freshness.FRESH : FreshnessJudge.judge(
                                new BuildMarker.Marker(null, releaseOf(build), null), expectation(expected.get()), GRACE, now).state();
                        worst = AssetResult.severity(state) > AssetResult.severity(worst) ? state : worst;
                    }
                }
                verdicts.put(ASSETS.get(a), worst);
            }
            lastPass = served;
            if (expected.isEmpty()) {
                return;
            }
            Row judged = expected.get();
            lastPassExpected = judged;
            verdicts.forEach((asset, state) -> assets.put(asset, new AssetRow(state, judged.id, passStart,
                    origin == judged.build)));
            Row chain = judged.coalescedInto != null ? row(judged.coalescedInto) : judged;
            PassVerdict verdict = PassVerdict.of(verdicts.values());
            if (verdict == PassVerdict.FRESH) {
                apply(chain, ChainEvent.SEEN_FRESH);
            } else if (verdict == PassVerdict.BEHIND && (chain.status == ChainStatus.FRESH
                    || chain.invalidatedAt != null && passStart.isAfter(chain.invalidatedAt))) {
                apply(chain, ChainEvent.SEEN_BEHIND);
            }
        }

        /** A commit id as git gives them: builds differ in their first seven characters. */
        static String sha(int build) {
            return String.format("%08x", build * 2654435761L & 0xffffffffL);
        }

        /** The release a build was first deployed under: what its marker says. */
        String releaseOf(int build) {
            return "b" + build;
        }

        FreshnessJudge.Expectation expectation(Row row) {
            return new FreshnessJudge.Expectation(releaseOf(row.build), null, row.liveAt, null);
        }

        void heal() {
            for (Row chain : rows) {
                if ((chain.status != ChainStatus.INVALIDATED && chain.status != ChainStatus.STALE) || chain.invalidatedAt == null) {
                    continue;
                }
                boolean wounded = assets.values().stream().anyMatch(a -> coveredBy(a.deployId(), chain)
                        && a.checkedAt().isAfter(chain.invalidatedAt) && (a.state() == Freshness.PENDING || a.state() == Freshness.STALE)
                        && (a.originCurrent() || a.state() == Freshness.STALE));
                List<Batch> heals = batchesOf(chain, true);
                if (!wounded || heals.stream().anyMatch(b -> b.status != BatchStatus.COMPLETED)) {
                    continue;
                }
                if (heals.size() >= HEAL_ATTEMPTS) {
                    apply(chain, ChainEvent.HEALS_EXHAUSTED);
                    continue;
                }
                // HealPlanner: a heal reserves its path against the month's deploy and heal paths, or stops the chain
                if (batches.size() + 1 > pathBudget) {
                    apply(chain, ChainEvent.OVER_BUDGET);
                    continue;
                }
                Batch heal = new Batch();
                heal.deployId = chain.id;
                heal.heal = true;
                batches.add(heal);
            }
        }

        void reconcile() {
            Row newest = newestRow().orElse(null);
            for (Row chain : rows) {
                if (!UNSETTLED.contains(chain.status) || !chain.statusChangedAt.isBefore(now.minus(STUCK_AFTER))) {
                    continue;
                }
                boolean served = newest == chain || newest != null && Objects.equals(newest.coalescedInto, chain.id);
                if (!served) {
                    apply(chain, ChainEvent.SUPERSEDED);
                } else if (assets.size() == ASSETS.size() && assets.values().stream().allMatch(a -> a.state() == Freshness.FRESH
                        && (a.deployId() == chain.id || a.deployId() == newest.id))) {
                    apply(chain, ChainEvent.SEEN_FRESH);
                }
            }
        }

        /** DeployChain.apply, in memory: the table decides, the moment goes with the event. */
        void apply(Row chain, ChainEvent event) {
            if (event == ChainEvent.COMPLETED && chain.invalidatedAt == null) {
                chain.invalidatedAt = now;
            }
            if (event == ChainEvent.SEEN_FRESH && chain.freshAt == null) {
                chain.freshAt = now;
            }
            ChainStatus invalidation = ChainEvent.invalidationOf(batchesOf(chain, false).stream().map(b -> b.status).toList());
            event.from(chain.status, invalidation).ifPresent(next -> {
                chain.status = next;
                chain.statusChangedAt = now;
            });
        }

        // the world settles: the origin serves the newest build, CloudFront answers, nobody refills old copies

        void settle() {
            for (Notice notice : List.copyOf(pending)) {
                deliver(notice);
            }
            pending.clear();
            origin = newestReal().build();
            credentialsRefused = false;
            for (int round = 0; round < 12; round++) {
                plan();
                for (int i = 0; i < batches.size() * 2 + 2; i++) {
                    worker(0);
                }
                now = now.plusSeconds(60);
                probe();
                heal();
            }
            now = now.plus(STUCK_AFTER).plus(GRACE).plusSeconds(60);
            reconcile();
            probe();
        }

        // invariants

        void checkAfterStep() {
            for (Row row : rows) {
                if (row.status == ChainStatus.FRESH && row.freshAt != null && lastPassExpected != null
                        && (lastPassExpected == row || Objects.equals(lastPassExpected.coalescedInto, row.id))
                        && row.statusChangedAt.equals(now)) {
                    // it turned FRESH in this step: every copy at every edge served its build
                    int build = lastPassExpected.build;
                    lastPass.forEach((copy, served) -> assertEquals(build, served,
                            "deploy " + row.id + " FRESH while " + copy + " serves build " + served + "; " + this));
                }
                assertTrue(row.generation == 0 || rows.stream().anyMatch(r -> r.id == row.generation), "a generation names its deploy");
            }
            newestRow().ifPresent(newest -> {
                // what customers should get follows deploy order: the newest told-of deploy's build
                RealDeploy truth = delivered.stream().map(Notice::deploy).max(Comparator.comparing(RealDeploy::at)).orElseThrow();
                assertEquals(truth.build(), newest.build, "expected build " + newest.build + " but the newest deploy told of is "
                        + truth + "; " + this);
            });
            long sameCommitChains = rows.stream().filter(r -> r.generation == 0).map(r -> r.commitKey).distinct().count();
            assertEquals(rows.stream().filter(r -> r.generation == 0).count(), sameCommitChains,
                    "one deploy per site and commit (per generation)");
        }

        void checkSettled() {
            if (rows.isEmpty()) {
                return;
            }
            Row newest = newestRow().orElseThrow();
            for (Row row : rows) {
                Row chain = row.coalescedInto != null ? row(row.coalescedInto) : row;
                assertTrue(ANSWERED.contains(chain.status), "deploy " + row.id + " (chain " + chain.id + ") still " + chain.status
                        + " once the world settled; " + this);
                GateAnswer gate = GateAnswer.of(chain.status, chain.statusChangedAt, row.liveAt, GRACE, BLOCKED_AFTER, now);
                assertEquals(chain.status == ChainStatus.FRESH ? GateAnswer.FRESH : GateAnswer.REFUSED, gate,
                        "the gate answers what the chain settled to");
            }
            Row chain = newest.coalescedInto != null ? row(newest.coalescedInto) : newest;
            if (chain.status != ChainStatus.HEAL_EXHAUSTED && chain.status != ChainStatus.HEAL_BUDGET && chain.status != ChainStatus.FAILED) {
                assertEquals(ChainStatus.FRESH, chain.status, "the newest deploy ends FRESH once the world serves it; " + this);
            }
            if (chain.status == ChainStatus.FRESH) {
                lastPass.forEach((copy, served) -> assertEquals(newest.build, served, copy + " behind a FRESH chain"));
            }
        }

        // reading the rows

        static final Set<ChainStatus> UNSETTLED = EnumSet.of(ChainStatus.RECEIVED, ChainStatus.REQUESTED, ChainStatus.RETRYING,
                ChainStatus.BLOCKED, ChainStatus.INVALIDATED, ChainStatus.DRY_RUN, ChainStatus.STALE);

        Optional<Row> newestRow() {
            return rows.stream().max(Comparator.comparing((Row r) -> r.liveAt).thenComparingLong(r -> r.id));
        }

        RealDeploy newestReal() {
            return real.get(real.size() - 1);
        }

        static boolean before(Row older, Row newer) {
            return older.liveAt.isBefore(newer.liveAt) || older.liveAt.equals(newer.liveAt) && older.id < newer.id;
        }

        boolean coveredBy(long deployId, Row chain) {
            Row judged = row(deployId);
            return judged == chain || Objects.equals(judged.coalescedInto, chain.id);
        }

        Row row(long id) {
            return rows.get((int) id - 1);
        }

        List<Batch> batchesOf(Row chain, boolean heals) {
            return batches.stream().filter(b -> b.deployId == chain.id && b.heal == heals).toList();
        }

        static String copy(int asset, int which) {
            return ASSETS.get(asset % ASSETS.size()) + "/" + EDGES.get(which % EDGES.size()) + "/" + COPIES.get(which % COPIES.size());
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("at ").append(now).append(", origin b").append(origin).append(", rows:");
            rows.forEach(r -> out.append(" #").append(r.id).append('(').append(r.kind).append(' ').append(r.release).append(" b")
                    .append(r.build).append(' ').append(r.status).append(r.coalescedInto == null ? "" : "->" + r.coalescedInto)
                    .append(" gen ").append(r.generation).append(')'));
            out.append(", batches:");
            batches.forEach(b -> out.append(' ').append(b.deployId).append(b.heal ? "H" : "").append(':').append(b.status));
            return out.append(", cache: ").append(cache).toString();
        }
    }
}
