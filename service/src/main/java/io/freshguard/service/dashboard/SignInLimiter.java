package io.freshguard.service.dashboard;

import io.freshguard.service.config.DashboardConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits guessing the audit token at the sign-in form: failed attempts are counted per address and in all, in fixed
 * windows; past either limit the form answers 429 with Retry-After until the window ends, before the token is even
 * compared. The log gets one line when a window's first failure happens and one summary when it ends, never a line per
 * attempt (a flood of wrong tokens must not become a flood of log lines). Counted per replica.
 */
@ApplicationScoped
public class SignInLimiter {

    private final DashboardConfig config;
    private final Clock clock;
    private Instant windowStart;
    private final Map<String, Integer> failures = new HashMap<>();
    private int total;
    private int refused;

    public SignInLimiter(DashboardConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** How long this address must wait before it may try again; empty when it may try now. */
    public synchronized Optional<Duration> retryAfter(String address) {
        Instant now = roll();
        if (windowStart == null) {
            return Optional.empty();
        }
        if (failures.getOrDefault(address, 0) >= config.signInFailuresPerAddress() || total >= config.signInFailuresTotal()) {
            refused++;
            Duration left = Duration.between(now, windowStart.plus(config.signInWindow()));
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        }
        return Optional.empty();
    }

    /** A wrong token from this address. */
    public synchronized void failed(String address) {
        Instant now = roll();
        if (windowStart == null) {
            windowStart = now;
            Log.warnf("Dashboard sign-in refused: wrong token from %s; further failures in the next %s are summarised in one line",
                    address, config.signInWindow());
        }
        failures.merge(address, 1, Integer::sum);
        total++;
    }

    /** Ends a window that has run out (writing its summary), so a quiet window's summary is not held back. */
    @Scheduled(every = "1m", delayed = "1m")
    void endExpiredWindow() {
        synchronized (this) {
            roll();
        }
    }

    private Instant roll() {
        Instant now = clock.instant();
        if (windowStart != null && !now.isBefore(windowStart.plus(config.signInWindow()))) {
            summarise();
            windowStart = null;
            failures.clear();
            total = 0;
            refused = 0;
        }
        return now;
    }

    private void summarise() {
        Map.Entry<String, Integer> most = failures.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
        Log.warnf("Dashboard sign-in: %d wrong token(s) from %d address(es) in %s (most: %s, %d); %d attempt(s) refused with 429",
                total, failures.size(), config.signInWindow(), most == null ? "-" : most.getKey(), most == null ? 0 : most.getValue(),
                refused);
    }
}
