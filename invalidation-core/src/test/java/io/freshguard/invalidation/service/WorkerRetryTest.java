package io.freshguard.invalidation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerRetryTest {

    @Test
    void aFailedTickIsRetriedSoonThenLessOftenUpToTheSafetyNet() {
        assertEquals(Duration.ofSeconds(1), InvalidationWorker.retryAfterFailure(1));
        assertEquals(Duration.ofSeconds(2), InvalidationWorker.retryAfterFailure(2));
        assertEquals(Duration.ofSeconds(4), InvalidationWorker.retryAfterFailure(3));
        assertEquals(Duration.ofSeconds(32), InvalidationWorker.retryAfterFailure(6));
        assertEquals(InvalidationWorker.SAFETY_NET, InvalidationWorker.retryAfterFailure(7));
        // a store down for hours never overflows the doubling
        assertEquals(InvalidationWorker.SAFETY_NET, InvalidationWorker.retryAfterFailure(10_000));
    }
}
