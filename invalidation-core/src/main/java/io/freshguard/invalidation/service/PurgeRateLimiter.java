package io.freshguard.invalidation.service;

import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.invalidation.config.CloudFrontConfig;
import io.freshguard.invalidation.config.CloudflareConfig;
import io.freshguard.invalidation.config.FastlyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * A token bucket per vendor for purge requests, kept under each vendor's account limit: CloudFront throttles
 * CreateInvalidation at about one call every two seconds, Cloudflare's free plan allows 5 purge requests a minute.
 * A batch that finds its bucket empty waits, counted as no attempt.
 */
@ApplicationScoped
public class PurgeRateLimiter {

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double perSecond, int burst) {
            this.perNano = perSecond / 1e9;
            this.capacity = Math.max(1, burst);
            this.tokens = capacity;
        }

        synchronized Duration tryAcquire() {
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

    private final Map<CdnVendor, Bucket> buckets = new EnumMap<>(CdnVendor.class);

    public PurgeRateLimiter(CloudFrontConfig cloudfront, FastlyConfig fastly, CloudflareConfig cloudflare) {
        buckets.put(CdnVendor.CLOUDFRONT, new Bucket(cloudfront.createRatePerSecond(), cloudfront.createBurst()));
        buckets.put(CdnVendor.FASTLY, new Bucket(fastly.purgeRatePerSecond(), fastly.purgeBurst()));
        buckets.put(CdnVendor.CLOUDFLARE, new Bucket(cloudflare.purgeRatePerMinute() / 60.0, cloudflare.purgeBurst()));
    }

    /** Takes a token of the vendor's bucket, or says how long until one is available. */
    public Duration tryAcquire(CdnVendor vendor) {
        return buckets.get(vendor).tryAcquire();
    }
}
