package io.freshguard.audit.service.log;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Tells the sealer when there is something to seal, so an idle replica does not ask the store every second: while
 * entries are being written (and for a few seconds after) every sealer tick runs; otherwise one in
 * {@link #SAFETY_NET} does, for entries another replica wrote and could not seal (it crashed).
 */
@ApplicationScoped
public class AuditBacklog {

    /** How long after the last entry written here the sealer keeps running every tick (commits land late). */
    static final Duration BUSY_FOR = Duration.ofSeconds(5);
    /** How often an idle sealer still looks at the store. */
    static final Duration SAFETY_NET = Duration.ofSeconds(30);

    // elapsed time, not the service's Clock: this paces work, it says nothing about when anything happened
    private volatile long lastAppended = Long.MIN_VALUE / 2;
    private volatile long lastSafetyCheck = Long.MIN_VALUE / 2;

    /** An entry was written in this process (committed or about to be). */
    public void appended() {
        lastAppended = System.nanoTime();
    }

    /** Whether the sealer should look at the store now. */
    public boolean due() {
        long now = System.nanoTime();
        if (now - lastAppended < BUSY_FOR.toNanos()) {
            return true;
        }
        if (now - lastSafetyCheck >= SAFETY_NET.toNanos()) {
            lastSafetyCheck = now;
            return true;
        }
        return false;
    }
}
