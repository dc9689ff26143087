package io.freshguard.invalidation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.domain.PurgeBy;
import io.freshguard.invalidation.config.CloudFrontConfig;
import io.freshguard.invalidation.config.CloudflareConfig;
import io.freshguard.invalidation.config.FastlyConfig;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each vendor's requests stay within what it takes in one call, and within its own rate. */
class VendorLimitsTest {

    static final CloudflareConfig CLOUDFLARE = new CloudflareConfig() {
        public URI endpoint() {
            return URI.create("http://127.0.0.1:9");
        }

        public Optional<String> token() {
            return Optional.of("t");
        }

        public Optional<String> accountId() {
            return Optional.empty();
        }

        public double purgeRatePerMinute() {
            return 5;
        }

        public int purgeBurst() {
            return 25;
        }

        public int maxItemsPerRequest() {
            return 30;
        }
    };

    static final FastlyConfig FASTLY = new FastlyConfig() {
        public URI endpoint() {
            return URI.create("http://127.0.0.1:9");
        }

        public Optional<String> token() {
            return Optional.of("t");
        }

        public double purgeRatePerSecond() {
            return 20;
        }

        public int purgeBurst() {
            return 100;
        }
    };

    @Test
    void cloudflareTakesOneKindAndAtMostThirtyItemsPerRequest() {
        PurgeTarget zone = new PurgeTarget("zone", CdnVendor.CLOUDFLARE, "Z1", Optional.of("cdn.example.com"), PurgeBy.URL, List.of(), false);
        List<String> paths = IntStream.range(0, 65).mapToObj(i -> "/f" + i + ".js").collect(Collectors.toList());
        paths.add("/static/*");
        List<List<String>> parts = new CloudflareGateway(null, CLOUDFLARE).split(zone, paths);
        assertEquals(List.of(30, 30, 5, 1), parts.stream().map(List::size).toList());
        assertEquals(List.of("/static/*"), parts.get(3));
    }

    @Test
    void fastlyTakes256SurrogateKeysPerRequestAndAnyNumberOfUrls() {
        PurgeTarget keys = new PurgeTarget("fast", CdnVendor.FASTLY, "S1", Optional.empty(), PurgeBy.SURROGATE_KEY, List.of(), false);
        List<String> many = IntStream.range(0, 300).mapToObj(i -> "k" + i).toList();
        assertEquals(List.of(256, 44), new FastlyGateway(null, FASTLY).split(keys, many).stream().map(List::size).toList());
        PurgeTarget urls = new PurgeTarget("fast", CdnVendor.FASTLY, "S1", Optional.of("h"), PurgeBy.URL, List.of(), false);
        assertEquals(1, new FastlyGateway(null, FASTLY).split(urls, many).size());
    }

    @Test
    void cloudflaresFreePlanRateIsKeptApartFromTheOtherVendors() {
        CloudFrontConfig cloudfront = (CloudFrontConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CloudFrontConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "createRatePerSecond" -> 0.5;
                    case "createBurst" -> 3;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        PurgeRateLimiter limiter = new PurgeRateLimiter(cloudfront, FASTLY, CLOUDFLARE);
        for (int i = 0; i < 25; i++) {
            assertEquals(Duration.ZERO, limiter.tryAcquire(CdnVendor.CLOUDFLARE), "the free plan's bucket of 25");
        }
        Duration wait = limiter.tryAcquire(CdnVendor.CLOUDFLARE);
        // 5 a minute: the next token is about 12 s away
        assertTrue(wait.compareTo(Duration.ofSeconds(11)) > 0
                && wait.compareTo(Duration.ofSeconds(12)) <= 0, wait.toString());
        // another vendor's bucket is untouched
        assertEquals(Duration.ZERO, limiter.tryAcquire(CdnVendor.FASTLY));
        assertEquals(Duration.ZERO, limiter.tryAcquire(CdnVendor.CLOUDFRONT));
    }
}
