package io.freshguard.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chain's one table: observations win over bookkeeping, and no event is ever an error. */
class ChainEventTest {

    @Test
    void theBuildSeenEverywhereIsFreshFromEveryStatusThatIsNotFinal() {
        for (ChainStatus status : ChainStatus.values()) {
            Optional<ChainStatus> next = ChainEvent.SEEN_FRESH.from(status, null);
            if (status.isFinal()) {
                assertTrue(next.isEmpty(), status.name());
            } else if (status != ChainStatus.FRESH) {
                assertEquals(Optional.of(ChainStatus.FRESH), next, status.name());
            }
        }
    }

    @Test
    void aWorkerAnswerMovesOnlyAChainNoProbeHasJudged() {
        assertEquals(Optional.of(ChainStatus.REQUESTED), ChainEvent.ACCEPTED.from(ChainStatus.RECEIVED, null));
        assertEquals(Optional.of(ChainStatus.INVALIDATED), ChainEvent.COMPLETED.from(ChainStatus.REQUESTED, null));
        for (ChainStatus judged : List.of(ChainStatus.FRESH, ChainStatus.STALE, ChainStatus.HEAL_EXHAUSTED, ChainStatus.SUPERSEDED)) {
            for (ChainEvent event : List.of(ChainEvent.ACCEPTED, ChainEvent.WAIT, ChainEvent.REFUSED, ChainEvent.GAVE_UP,
                    ChainEvent.COMPLETED)) {
                assertTrue(event.from(judged, null).isEmpty(), event + " on " + judged);
            }
        }
    }

    @Test
    void anOlderBuildSeenTakesFreshBackToWhereTheInvalidationStands() {
        assertEquals(Optional.of(ChainStatus.REQUESTED), ChainEvent.SEEN_BEHIND.from(ChainStatus.FRESH, ChainStatus.REQUESTED));
        assertEquals(Optional.of(ChainStatus.RECEIVED), ChainEvent.SEEN_BEHIND.from(ChainStatus.FRESH, ChainStatus.RECEIVED));
        assertEquals(Optional.of(ChainStatus.STALE), ChainEvent.SEEN_BEHIND.from(ChainStatus.FRESH, ChainStatus.INVALIDATED));
        assertEquals(Optional.of(ChainStatus.FAILED), ChainEvent.SEEN_BEHIND.from(ChainStatus.FRESH, ChainStatus.FAILED),
                "nothing will invalidate it again (found by ChainModelTest: planned only after give-up-after)");
        assertEquals(Optional.of(ChainStatus.STALE), ChainEvent.SEEN_BEHIND.from(ChainStatus.INVALIDATED, ChainStatus.INVALIDATED));
        assertTrue(ChainEvent.SEEN_BEHIND.from(ChainStatus.REQUESTED, ChainStatus.REQUESTED).isEmpty(), "in flight: not news");
    }

    @Test
    void aLaterDeploySupersedesOnlyAChainWithoutAnAnswer() {
        assertEquals(Optional.of(ChainStatus.SUPERSEDED), ChainEvent.SUPERSEDED.from(ChainStatus.BLOCKED, null));
        assertEquals(Optional.of(ChainStatus.SUPERSEDED), ChainEvent.SUPERSEDED.from(ChainStatus.STALE, null));
        assertTrue(ChainEvent.SUPERSEDED.from(ChainStatus.FRESH, null).isEmpty());
        assertTrue(ChainEvent.SUPERSEDED.from(ChainStatus.FAILED, null).isEmpty());
    }

    @Test
    void theInvalidationStandsWhereItsLeastAdvancedBatchIs() {
        assertEquals(ChainStatus.RECEIVED, ChainEvent.invalidationOf(List.of()));
        assertEquals(ChainStatus.INVALIDATED, ChainEvent.invalidationOf(List.of(BatchStatus.COMPLETED, BatchStatus.COMPLETED)));
        assertEquals(ChainStatus.BLOCKED, ChainEvent.invalidationOf(List.of(BatchStatus.IN_PROGRESS, BatchStatus.BLOCKED)));
        assertEquals(ChainStatus.REQUESTED, ChainEvent.invalidationOf(List.of(BatchStatus.IN_PROGRESS, BatchStatus.COMPLETED)));
        assertEquals(ChainStatus.FAILED, ChainEvent.invalidationOf(List.of(BatchStatus.FAILED, BatchStatus.COMPLETED)));
    }
}
