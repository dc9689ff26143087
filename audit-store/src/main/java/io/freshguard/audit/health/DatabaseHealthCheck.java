package io.freshguard.audit.health;

import io.agroal.api.AgroalDataSource;
import io.freshguard.audit.service.runtime.PeerNotices;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code database}: the store answers a trivial query; data says when the LISTEN connection last heard. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final PeerNotices peers;

    public DatabaseHealthCheck(AgroalDataSource dataSource, PeerNotices peers) {
        this.dataSource = dataSource;
        this.peers = peers;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            HealthCheckResponseBuilder response = HealthCheckResponse.named("database").status(valid);
            // a detail, not a verdict: a deaf listener only delays peers' wake-ups to their safety net
            peers.lastHeard().ifPresent(at -> response.withData("peerListenerLastHeard", at.toString()));
            return response.build();
        } catch (Exception e) {
            return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
