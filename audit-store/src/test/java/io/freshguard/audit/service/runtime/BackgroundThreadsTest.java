package io.freshguard.audit.service.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundThreadsTest {

    @Test
    void threadsAreNamedDaemons() {
        Thread single = BackgroundThreads.named("freshguard-x").newThread(() -> { });
        assertEquals("freshguard-x", single.getName());
        assertTrue(single.isDaemon(), "a daemon never holds the JVM up");
        var pool = BackgroundThreads.numbered("freshguard-pool");
        assertEquals("freshguard-pool-1", pool.newThread(() -> { }).getName());
        assertEquals("freshguard-pool-2", pool.newThread(() -> { }).getName());
    }

    @Test
    void stopLetsARunFinishWithinTheGrace() throws Exception {
        ScheduledExecutorService lane = BackgroundThreads.lane("freshguard-test-lane");
        AtomicBoolean finished = new AtomicBoolean();
        runUntilStarted(lane, () -> {
            sleep(Duration.ofMillis(200));
            finished.set(true);
        });
        BackgroundThreads.stop(lane, Duration.ofSeconds(5));
        assertTrue(finished.get(), "the run in progress recorded its outcome");
        assertTrue(lane.isTerminated());
    }

    @Test
    void stopInterruptsARunPastTheGrace() throws Exception {
        ExecutorService lane = BackgroundThreads.lane("freshguard-test-lane");
        AtomicBoolean interrupted = new AtomicBoolean();
        runUntilStarted(lane, () -> {
            try {
                Thread.sleep(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        long started = System.nanoTime();
        BackgroundThreads.stop(lane, Duration.ofMillis(100));
        assertTrue(lane.awaitTermination(5, TimeUnit.SECONDS));
        assertTrue(interrupted.get(), "a run past the grace is interrupted");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void wakesScheduledForLaterAreDroppedAtStop() throws Exception {
        ScheduledExecutorService lane = BackgroundThreads.lane("freshguard-test-lane");
        AtomicBoolean ran = new AtomicBoolean();
        lane.schedule(() -> ran.set(true), 1, TimeUnit.HOURS);
        BackgroundThreads.stop(lane, Duration.ofSeconds(5));
        assertTrue(lane.isTerminated(), "a wake an hour away does not hold shutdown");
        assertFalse(ran.get());
    }

    @Test
    void stoppingNothingIsHarmless() {
        BackgroundThreads.stop(null, Duration.ZERO);
        ExecutorService idle = Executors.newSingleThreadExecutor(BackgroundThreads.named("freshguard-idle"));
        BackgroundThreads.stop(idle, Duration.ZERO);
        assertTrue(idle.isShutdown());
    }

    /** Hands the run to the lane and returns once it is under way. */
    private static void runUntilStarted(ExecutorService lane, Runnable run) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        lane.execute(() -> {
            started.countDown();
            run.run();
        });
        started.await();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
