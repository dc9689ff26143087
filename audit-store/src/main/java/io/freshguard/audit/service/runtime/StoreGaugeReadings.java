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
        long now = System.nanoTime();
        Reading last = readings.get(gauge);
        if (last != null && now - last.at() < config.storeReadsEvery().toNanos()) {
            return (T) last.value();
        }
        // one scrape reads; concurrent ones take the last value meanwhile
        synchronized (readings.computeIfAbsent(gauge + "#lock", k -> new Reading(new Object(), 0)).value()) {
            Reading again = readings.get(gauge);
            if (again != null && now - again.at() < config.storeReadsEvery().toNanos()) {
                return (T) again.value();
            }
            try {
                T value = fromStore.get();
                readings.put(gauge, new Reading(value, System.nanoTime()));
                return value;
            } catch (RuntimeException e) {
                return last != null ? (T) last.value() : whenNeverRead;
            }
        }
    }
}
