package io.freshguard.service.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.Signatures;
import io.freshguard.service.support.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** SIGTERM while webhooks stream in: every 2xx is in the store, every other answer is a 503, and it exits in time. */
class GracefulShutdownIT {

    static final String DATABASE = "freshguard_shutdown_it";

    record Answer(String release, int status) {
    }

    @Test
    void sigtermFinishesWhatItAcceptedAndRefusesTheRestWith503() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        ServiceProcess service = new ServiceProcess("shutdown", DATABASE, 9, Map.of(
                "freshguard.purge.dry-run", "true",
                "freshguard.sites.acme.distribution-id", "EACMESHUTDOWN",
                "freshguard.sites.acme.paths", "/embed.js",
                "freshguard.sites.acme.sources", "generic:acme")).start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(6);
        for (int t = 0; t < 6; t++) {
            int sender = t;
            senders.submit(() -> {
                for (int i = 0; sending.get(); i++) {
                    String release = "sigterm-" + sender + "-" + i;
                    byte[] body = GenericWebhooks.deploy("acme", release);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(service.url("/webhooks/generic")))
                            .header("Content-Type", "application/json")
                            .header("X-Freshguard-Signature", Signatures.generic(Signatures.GENERIC_SECRET,
                                    Instant.now().getEpochSecond(), body))
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    try {
                        answers.add(new Answer(release, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
                    } catch (IOException refusedOrReset) {
                        // the listener is closed: no answer, so the sender keeps the delivery and retries elsewhere
                        answers.add(new Answer(release, -1));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        Thread.sleep(3000);
        Duration exit = service.terminate();
        Thread.sleep(500);
        sending.set(false);
        senders.shutdown();
        assertTrue(senders.awaitTermination(40, TimeUnit.SECONDS));

        List<String> accepted = new ArrayList<>();
        for (Answer a : answers) {
            assertTrue(a.status() == 202 || a.status() == 503 || a.status() == -1, "answered " + a);
            if (a.status() == 202) {
                accepted.add(a.release());
            }
        }
        assertTrue(accepted.size() > 20, "traffic flowed before the signal: " + accepted.size());
        try (Connection c = TestPostgres.connect(DATABASE);
                PreparedStatement query = c.prepareStatement("select count(*) from deploy where release_name = ?")) {
            for (String release : accepted) {
                query.setString(1, release);
                try (ResultSet r = query.executeQuery()) {
                    r.next();
                    assertTrue(r.getLong(1) == 1, release + " was answered 202 but is not in the store");
                }
            }
        }
        assertTrue(exit.compareTo(Duration.ofSeconds(25)) < 0, "exited after " + exit);
    }
}
