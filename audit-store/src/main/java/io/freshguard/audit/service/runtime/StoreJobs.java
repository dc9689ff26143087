package io.freshguard.audit.service.runtime;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * When {@link StoreJob}s may run: from the end of start-up (every start-up observer done, the schema migrated) to the
 * beginning of shutdown. A run due earlier waits for start-up to end; shutdown refuses new runs and waits for those
 * under way, up to a grace, before anything closes the store.
 */
@ApplicationScoped
public class StoreJobs {

    /** A run due during start-up waits this long for it to end (a start-up that fails ends the process anyway). */
    static final Duration START_WAIT = Duration.ofSeconds(60);

    private boolean started;
    private boolean stopping;
    private int underWay;

    // after every other start-up observer: the schema is migrated and the workers are set up
    void open(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        started();
    }

    // before every other shutdown observer: the workers' own stops, then the store, come after
    void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event, ShutdownBudget budget) {
        Duration grace = budget.remaining();
        if (!awaitIdle(grace)) {
            Log.warnf("Shutdown: %d scheduled job(s) still running after %s are cut off", underWay(), grace);
        }
    }

    synchronized void started() {
        started = true;
        notifyAll();
    }

    /**
     * Lets a run begin, after waiting up to {@code startWait} for start-up to end; false (the run is dropped: the next
     * one, or another replica, does the work) once shutdown has begun or when start-up did not end in time.
     */
    synchronized boolean enter(Duration startWait) throws InterruptedException {
        if (!waitUntil(() -> started || stopping, startWait) || stopping) {
            return false;
        }
        underWay++;
        return true;
    }

    synchronized void exit() {
        underWay--;
        notifyAll();
    }

    /** Refuses new runs and waits until none is under way; false if some still are after {@code grace}. */
    synchronized boolean awaitIdle(Duration grace) {
        stopping = true;
        notifyAll();
        try {
            return waitUntil(() -> underWay == 0, grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return underWay == 0;
        }
    }

    /** With the monitor held: waits, woken by every change, until {@code done} holds; false after {@code limit}. */
    private boolean waitUntil(BooleanSupplier done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized int underWay() {
        return underWay;
    }
}
