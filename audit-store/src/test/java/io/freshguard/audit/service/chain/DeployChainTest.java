package io.freshguard.audit.service.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.BatchPurpose;
import io.freshguard.audit.domain.BatchStatus;
import io.freshguard.audit.domain.ChainEvent;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.domain.InvalidationBatch;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.repository.InvalidationBatchRepository;
import io.freshguard.audit.service.log.AuditBacklog;
import io.freshguard.audit.service.log.AuditTrail;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The chain's one owner: legal moves are applied and recorded together, anything else changes nothing. */
class DeployChainTest {

    static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

    /** The audit trail with its database replaced by a list of what would have been written. */
    static final class RecordedTrail extends AuditTrail {
        final List<Change> written = new ArrayList<>();

        RecordedTrail() {
            super(null, null, Clock.systemUTC(), new AuditBacklog());
        }

        @Override
        public void appendAll(List<Change> changes) {
            written.addAll(changes);
        }
    }

    /** Deploys folded into a chain, and a chain's batches: none, without a database. */
    static final class NoDeploys extends DeployRepository {
        @Override
        public List<DeployRecord> coalescedInto(long primaryId) {
            return List.of();
        }
    }

    static final class Batches extends InvalidationBatchRepository {
        final List<InvalidationBatch> held = new ArrayList<>();

        @Override
        public List<InvalidationBatch> forDeploy(long deployId) {
            return held;
        }
    }

    /** The moves announced after commit, kept in a list. */
    static final class Moves implements Event<ChainMoved> {
        final List<ChainMoved> fired = new ArrayList<>();

        @Override
        public void fire(ChainMoved event) {
            fired.add(event);
        }

        @Override
        public <U extends ChainMoved> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ChainMoved> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<ChainMoved> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends ChainMoved> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ChainMoved> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    static DeployChain chain(AuditTrail trail, Batches batches) {
        return new DeployChain(trail, new NoDeploys(), batches, new Moves());
    }

    static DeployRecord deploy(long id, ChainStatus status) {
        DeployRecord deploy = new DeployRecord();
        deploy.id = id;
        deploy.status = status;
        deploy.statusChangedAt = AT.minusSeconds(60);
        return deploy;
    }

    @Test
    void aLegalMoveIsAppliedAndRecordedWithItsFacts() {
        RecordedTrail trail = new RecordedTrail();
        DeployRecord deploy = deploy(7, ChainStatus.RECEIVED);
        assertTrue(chain(trail, new Batches()).apply(deploy, ChainEvent.ACCEPTED, AT, Map.of("batch", 3)));
        assertEquals(ChainStatus.REQUESTED, deploy.status);
        assertEquals(AT, deploy.statusChangedAt);
        assertEquals(AT, deploy.requestedAt, "the moment goes with the move, set by the chain's owner");
        assertEquals(List.of(new AuditTrail.Change(AuditKind.REQUESTED, AuditSubject.deploy(7), 7L, Map.of("batch", 3))), trail.written);
    }

    @Test
    void aWorkerAnswerOnAJudgedChainIsRecordedAsAFactAndMovesNothing() {
        RecordedTrail trail = new RecordedTrail();
        DeployChain chain = chain(trail, new Batches());
        DeployRecord fresh = deploy(8, ChainStatus.FRESH);
        assertFalse(chain.apply(fresh, ChainEvent.COMPLETED, AT, Map.of()));
        assertFalse(chain.apply(fresh, ChainEvent.SEEN_FRESH, AT, Map.of()));
        assertEquals(ChainStatus.FRESH, fresh.status);
        assertEquals(AT.minusSeconds(60), fresh.statusChangedAt);
        assertEquals(AT, fresh.invalidatedAt);
        assertEquals(List.of(AuditKind.INVALIDATED), trail.written.stream().map(AuditTrail.Change::kind).toList());
        assertEquals("FRESH", trail.written.get(0).data().get("chainStays"));
    }

    @Test
    void anOlderBuildSeenAfterFreshReopensTheChainWhereItsInvalidationStands() {
        RecordedTrail trail = new RecordedTrail();
        Batches batches = new Batches();
        DeployChain chain = chain(trail, batches);
        InvalidationBatch inProgress = new InvalidationBatch();
        inProgress.purpose = BatchPurpose.DEPLOY;
        inProgress.status = BatchStatus.IN_PROGRESS;
        batches.held.add(inProgress);
        DeployRecord early = deploy(9, ChainStatus.FRESH);
        assertTrue(chain.apply(early, ChainEvent.SEEN_BEHIND, AT, Map.of()));
        assertEquals(ChainStatus.REQUESTED, early.status);

        inProgress.status = BatchStatus.COMPLETED;
        DeployRecord done = deploy(10, ChainStatus.FRESH);
        assertTrue(chain.apply(done, ChainEvent.SEEN_BEHIND, AT, Map.of()));
        assertEquals(ChainStatus.STALE, done.status);
        assertEquals("SEEN_BEHIND", trail.written.get(0).data().get("event"), "a reopened chain says why it went back");
    }

    @Test
    void aBurstMovesTogetherAndOnlyTheMovableOnesAreRecorded() {
        RecordedTrail trail = new RecordedTrail();
        List<DeployRecord> burst = List.of(deploy(1, ChainStatus.RECEIVED), deploy(2, ChainStatus.IGNORED), deploy(3, ChainStatus.RECEIVED));
        chain(trail, new Batches()).coalesce(burst, 9, AT, d -> Map.of("into", 9));
        assertEquals(List.of(ChainStatus.COALESCED, ChainStatus.IGNORED, ChainStatus.COALESCED), burst.stream().map(d -> d.status).toList());
        assertEquals(List.of(1L, 3L), trail.written.stream().map(AuditTrail.Change::deployId).toList());
        assertEquals(9L, burst.get(0).coalescedInto);
    }

    @Test
    void everyChainStatusAndVerdictHasItsAuditKind() {
        for (ChainStatus status : ChainStatus.values()) {
            assertEquals(status.name(), AuditKind.of(status).name());
        }
        for (ChainEvent event : ChainEvent.values()) {
            AuditKind.of(event);
        }
        for (Freshness state : Freshness.values()) {
            assertEquals("ASSET_" + state.name(), AuditKind.of(state).name());
        }
    }
}
