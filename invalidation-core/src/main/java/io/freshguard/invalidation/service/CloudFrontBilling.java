package io.freshguard.invalidation.service;

import io.freshguard.audit.repository.InvalidationBatchRepository;
import io.freshguard.audit.service.runtime.StoreJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paths sent to CloudFront this calendar month (UTC), from the store so it is right across restarts and replicas:
 * the first 1,000 are free, every further path is billed, a wildcard counting as one.
 */
@ApplicationScoped
public class CloudFrontBilling {

    private final InvalidationBatchRepository batches;
    private final Clock clock;
    private final AtomicLong pathsThisMonth = new AtomicLong();

    public CloudFrontBilling(InvalidationBatchRepository batches, Clock clock, MeterRegistry metrics) {
        this.batches = batches;
        this.clock = clock;
        Gauge.builder("freshguard.cloudfront.paths.billed.month", pathsThisMonth, AtomicLong::get)
                .description("Invalidation paths requested this calendar month (UTC); beyond 1000 they are billed")
                .register(metrics);
    }

    @StoreJob
    @Scheduled(every = "60s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        pathsThisMonth.set(batches.cloudfrontPathsRequestedSince(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
}
