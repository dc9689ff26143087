package io.freshguard.service.crash;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.service.runtime.PeerNotices;
import io.freshguard.service.fakes.PostgresProxyResource;
import io.freshguard.service.support.Management;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The LISTEN connection notices it has gone deaf: the network to PostgreSQL goes silent without a FIN, the listener
 * stops hearing even its own heartbeat and replaces its connection within deaf-after, and hears again once the
 * network is back; when it last heard is a metric and a detail of the database check.
 */
@QuarkusTest
class PeerListenerTest {

    @Inject
    PeerNotices peers;

    @Inject
    MeterRegistry metrics;

    double replaced() {
        Counter counter = metrics.find("freshguard.peer.listener.replaced").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aListenerThatStopsHearingIsReplacedAndHearsAgain() {
        // heartbeats every 0.5 s keep a quiet channel heard (the test profile's freshguard.peers.*)
        await().atMost(Duration.ofSeconds(20)).until(() -> peers.lastHeard()
                .filter(at -> at.isAfter(Instant.now().minusSeconds(2))).isPresent());
        double before = replaced();
        Instant silent = Instant.now();
        PostgresProxyResource.silence();
        try {
            // deaf-after is 2 s: detected and dropped while the network is still silent, not when it comes back
            await().atMost(Duration.ofSeconds(8)).until(() -> replaced() > before);
            assertTrue(Duration.between(silent, Instant.now()).toMillis() < 8000);
        } finally {
            PostgresProxyResource.restore();
        }
        Instant back = Instant.now();
        await().atMost(Duration.ofSeconds(20)).until(() -> peers.lastHeard().filter(at -> at.isAfter(back)).isPresent());
        String health = given().get(Management.url("/q/health/ready")).asString();
        assertTrue(health.contains("peerListenerLastHeard"), health);
        assertTrue(given().get(Management.url("/q/metrics")).asString().contains("freshguard_peer_listener_replaced_total"));
    }
}
