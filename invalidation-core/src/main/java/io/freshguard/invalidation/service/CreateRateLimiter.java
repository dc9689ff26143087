package io.freshguard.invalidation.service;

import io.freshguard.invalidation.config.CloudFrontConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Token bucket for CreateInvalidation: CloudFront throttles each account at about one call every two seconds. */
@ApplicationScoped
public class CreateRateLimiter {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long refilledAt = System.nanoTime();

    public CreateRateLimiter(CloudFrontConfig config) {
        this.perNano = config.createRatePerSecond() / 1e9;
        this.capacity = Math.max(1, config.createBurst());
        this.tokens = capacity;
    }

    /** Takes a token, or says how long until one is available. */
    public synchronized Duration tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }
}
