package io.freshguard.service.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.Signatures;
import io.freshguard.service.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics live on the management port only; a flood of scrapes there costs the store a handful of
 * transactions, not one per gauge per scrape, and beside a stream of webhooks on the public port it never makes a
 * webhook answer 503.
 */
class ManagementPortIT {

    static final String DATABASE = "freshguard_management_it";

    @Test
    void aScrapeFloodBesideAWebhookStreamCostsNoWebhookA503() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        try (ServiceProcess service = new ServiceProcess("management", DATABASE, 9, Map.of(
                "freshguard.purge.dry-run", "true",
                "freshguard.sites.mgmt.distribution-id", "EMGMTDIST",
                "freshguard.sites.mgmt.paths", "/embed.js",
                "freshguard.sites.mgmt.sources", "generic:mgmt")).start()) {
            // not on the public port at all
            for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics")) {
                given().get(service.url(path)).then().statusCode(404);
            }
            given().get(service.managementUrl("/q/health/live")).then().statusCode(200);

            HttpClient client = HttpClient.newHttpClient();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create(service.managementUrl("/q/metrics"))).build();

            // scrapes alone: the store-backed gauges are read once per period (15 s), however many scrapes come
            long before = transactions();
            for (int i = 0; i < 500; i++) {
                assertEquals(200, client.send(scrape, HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            Thread.sleep(1500);
            long spent = transactions() - before;
            // the background lanes (sealer, canary, notifier, listener) take a few dozen in these seconds; one read per
            // gauge per scrape would be thousands
            assertTrue(spent < 150, "500 scrapes cost " + spent + " transactions");

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger scrapes = new AtomicInteger();
            Map<Integer, Integer> scrapeCodes = new ConcurrentHashMap<>();
            ExecutorService scrapers = Executors.newFixedThreadPool(32);
            for (int i = 0; i < 32; i++) {
                scrapers.submit(() -> {
                    while (flooding.get()) {
                        try {
                            int code = client.send(scrape, HttpResponse.BodyHandlers.discarding()).statusCode();
                            scrapeCodes.merge(code, 1, Integer::sum);
                            scrapes.incrementAndGet();
                        } catch (Exception e) {
                            scrapeCodes.merge(-1, 1, Integer::sum);
                        }
                    }
                    return null;
                });
            }
            List<Integer> webhookCodes = new ArrayList<>();
            try {
                for (int i = 0; i < 150; i++) {
                    byte[] body = ("{\"site\":\"mgmt\",\"release\":\"r" + i + "-" + System.nanoTime() + "\"}").getBytes(StandardCharsets.UTF_8);
                    webhookCodes.add(GenericWebhooks.post(service.url("/webhooks/generic"), body,
                            Signatures.generic(Signatures.GENERIC_SECRET, Instant.now().getEpochSecond(), body)).statusCode());
                }
            } finally {
                flooding.set(false);
                scrapers.shutdown();
                assertTrue(scrapers.awaitTermination(30, TimeUnit.SECONDS));
            }
            assertTrue(webhookCodes.stream().allMatch(code -> code == 202), webhookCodes.toString());
            assertTrue(scrapes.get() > 500, "the flood scraped " + scrapes.get() + " times");
            assertEquals(Map.of(200, scrapes.get()), scrapeCodes);
        }
    }

    /** Transactions the service's database has committed or rolled back so far (pg_stat_database). */
    static long transactions() {
        return TestDatabase.countIn("postgres", "select xact_commit + xact_rollback from pg_stat_database where datname = ?", DATABASE);
    }
}
