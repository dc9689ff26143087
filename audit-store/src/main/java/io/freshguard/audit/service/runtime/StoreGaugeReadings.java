package io.freshguard.audit.service.runtime;

import io.freshguard.audit.config.MetricsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What store-backed gauges answer, read from the store at most once per {@code freshguard.metrics.store-reads-every}
 * per gauge, however often (and from however many clients) the metrics are scraped; a reading the store cannot give
 * keeps the last one it gave.
 */
@ApplicationScoped
public class StoreGaugeReadings {

    private record Reading(Object value, long at) {
    }

    private final MetricsConfig config;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    public StoreGaugeReadings(MetricsConfig config) {
        this.config = config;
    }

    /** The gauge's value, from the store when the last reading is older than the period. */
    @SuppressWarnings("unchecked")
    public <T> T read(String gauge, Supplier<T> fromStore, T whenNeverRead) {
        Reading last = readings.get(gauge);
        if (fresh(last)) {
            return (T) last.value();
        }
        // a period's one read happens once: scrapes that arrive while it runs wait for it and take its value
        synchronized (this) {
            Reading again = readings.get(gauge);
            if (fresh(again)) {
                return (T) again.value();
            }
            try {
                T value = fromStore.get();
                readings.put(gauge, new Reading(value, System.nanoTime()));
                return value;
            } catch (RuntimeException e) {
                return again != null ? (T) again.value() : whenNeverRead;
            }
        }
    }

    private boolean fresh(Reading reading) {
        return reading != null && System.nanoTime() - reading.at() < config.storeReadsEvery().toNanos();
    }
}
