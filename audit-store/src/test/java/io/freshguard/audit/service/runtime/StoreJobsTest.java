package io.freshguard.audit.service.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoreJobsTest {

    @Test
    void aRunDueDuringStartUpWaitsForItToEndInsteadOfBeingDropped() throws Exception {
        StoreJobs jobs = new StoreJobs();
        CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> enter(jobs, Duration.ofSeconds(10)));
        Thread.sleep(200);
        assertFalse(run.isDone(), "the run waits while start-up goes on");
        jobs.started();
        assertTrue(run.get(5, TimeUnit.SECONDS));
        assertEquals(1, jobs.underWay());
    }

    @Test
    void aStartUpThatNeverEndsDropsTheRunAfterTheWait() throws Exception {
        assertFalse(new StoreJobs().enter(Duration.ofMillis(100)));
    }

    @Test
    void withNothingUnderWayShutdownGoesOnAtOnceAndNoRunBeginsAfterIt() throws Exception {
        StoreJobs jobs = new StoreJobs();
        jobs.started();
        long began = System.nanoTime();
        assertTrue(jobs.awaitIdle(Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(1).toNanos());
        assertFalse(jobs.enter(Duration.ofSeconds(5)), "a run due after shutdown began does not begin");
        assertEquals(0, jobs.underWay());
    }

    @Test
    void shutdownReleasesARunStillWaitingForStartUp() throws Exception {
        StoreJobs jobs = new StoreJobs();
        CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> enter(jobs, Duration.ofSeconds(30)));
        Thread.sleep(100);
        assertTrue(jobs.awaitIdle(Duration.ofSeconds(5)));
        assertFalse(run.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shutdownWaitsForARunUnderWayToFinish() throws Exception {
        StoreJobs jobs = new StoreJobs();
        jobs.started();
        CountDownLatch finished = new CountDownLatch(1);
        assertTrue(jobs.enter(Duration.ZERO));
        Thread run = new Thread(() -> {
            sleep(300);
            finished.countDown();
            jobs.exit();
        });
        run.start();
        assertTrue(jobs.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(0, finished.getCount(), "shutdown went on only after the run had finished");
        run.join();
    }

    @Test
    void aRunThatOverrunsTheGraceIsLeftBehind() throws Exception {
        StoreJobs jobs = new StoreJobs();
        jobs.started();
        assertTrue(jobs.enter(Duration.ZERO));
        long began = System.nanoTime();
        assertFalse(jobs.awaitIdle(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - began >= Duration.ofMillis(200).toNanos());
        assertEquals(1, jobs.underWay());
    }

    private static boolean enter(StoreJobs jobs, Duration wait) {
        try {
            return jobs.enter(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
