package io.freshguard.audit.service.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The one grace every background lane shares at shutdown ({@link BackgroundThreads#SHUTDOWN_GRACE}), after the HTTP
 * server's own {@code quarkus.shutdown.timeout}: the first lane to stop starts it and each waits only for what is left,
 * so the lanes' waits never add up (a scheduled job, the sealer, the invalidation worker, the probe cycle and the
 * listener once took up to 17 s after the 20 s drain, past Kubernetes' default 30 s termination grace).
 */
@ApplicationScoped
public class ShutdownBudget {

    private long deadline;
    private boolean started;

    /** What is left of the shared grace; starts it on the first call. */
    public synchronized Duration remaining() {
        long now = System.nanoTime();
        if (!started) {
            started = true;
            deadline = now + BackgroundThreads.SHUTDOWN_GRACE.toNanos();
        }
        return Duration.ofNanos(Math.max(0, deadline - now));
    }
}
