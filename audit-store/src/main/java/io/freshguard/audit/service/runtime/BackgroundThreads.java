package io.freshguard.audit.service.runtime;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The modules' own background threads, made one way: named (a thread dump says whose work it is), daemons (none
 * holds the JVM up once Quarkus has stopped), and stopped within a grace, so that work under way can record its
 * outcome before the store closes.
 */
public final class BackgroundThreads {

    /**
     * How long shutdown waits for work under way (a seal, a tick talking to CloudFront, a scheduled job) to record its
     * outcome before the store closes; work still running after it is interrupted and done again after a restart.
     */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private BackgroundThreads() {
    }

    /** Threads called {@code name}. */
    public static ThreadFactory named(String name) {
        return work -> daemon(work, name);
    }

    /** Threads of a pool, called {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory numbered(String name) {
        AtomicInteger counter = new AtomicInteger();
        return work -> daemon(work, name + "-" + counter.incrementAndGet());
    }

    /**
     * One thread for a service's timed and woken work. Runs scheduled for later are dropped at shutdown: what they
     * would have done is in the store for the next start.
     */
    public static ScheduledThreadPoolExecutor lane(String name) {
        ScheduledThreadPoolExecutor lane = new ScheduledThreadPoolExecutor(1, named(name));
        lane.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return lane;
    }

    /** Takes no more work, lets a run in progress finish within {@code grace}, then interrupts it. */
    public static void stop(ExecutorService executor, Duration grace) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
