package io.freshguard.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.Freshness;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        assertTrue(new DeployChain(trail).move(deploy, ChainStatus.REQUESTED, AT, Map.of("batch", 3)));
        assertEquals(ChainStatus.REQUESTED, deploy.status);
        assertEquals(AT, deploy.statusChangedAt);
        assertEquals(List.of(new AuditTrail.Change(AuditKind.REQUESTED, AuditSubject.deploy(7), 7L, Map.of("batch", 3))), trail.written);
    }

    @Test
    void theSameStatusIsNothingToDoAndAnIllegalMoveChangesNothing() {
        RecordedTrail trail = new RecordedTrail();
        DeployChain chain = new DeployChain(trail);
        DeployRecord fresh = deploy(8, ChainStatus.FRESH);
        assertFalse(chain.move(fresh, ChainStatus.FAILED, AT, Map.of()));
        assertFalse(chain.move(fresh, ChainStatus.FRESH, AT, Map.of()));
        assertEquals(ChainStatus.FRESH, fresh.status);
        assertEquals(AT.minusSeconds(60), fresh.statusChangedAt);
        assertEquals(List.of(), trail.written);
    }

    @Test
    void aBurstMovesTogetherAndOnlyTheMovableOnesAreRecorded() {
        RecordedTrail trail = new RecordedTrail();
        List<DeployRecord> burst = List.of(deploy(1, ChainStatus.RECEIVED), deploy(2, ChainStatus.IGNORED), deploy(3, ChainStatus.RECEIVED));
        new DeployChain(trail).moveAll(burst, ChainStatus.COALESCED, AT, d -> Map.of("into", 9));
        assertEquals(List.of(ChainStatus.COALESCED, ChainStatus.IGNORED, ChainStatus.COALESCED), burst.stream().map(d -> d.status).toList());
        assertEquals(List.of(1L, 3L), trail.written.stream().map(AuditTrail.Change::deployId).toList());
    }

    @Test
    void everyChainStatusAndVerdictHasItsAuditKind() {
        for (ChainStatus status : ChainStatus.values()) {
            assertEquals(status.name(), AuditKind.of(status).name());
        }
        for (Freshness state : Freshness.values()) {
            assertEquals("ASSET_" + state.name(), AuditKind.of(state).name());
        }
    }
}
