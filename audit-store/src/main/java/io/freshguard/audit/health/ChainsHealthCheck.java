package io.freshguard.audit.health;

import io.freshguard.audit.service.chain.ChainReconciler;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Health group {@code chains}: DOWN while a deploy chain has made no move for {@code stuck-after} and could not be
 * reconciled. Not in readiness: a stuck chain is for an operator to look at, not a reason to stop serving.
 */
@HealthGroup("chains")
@ApplicationScoped
public class ChainsHealthCheck implements HealthCheck {

    private final ChainReconciler reconciler;

    public ChainsHealthCheck(ChainReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public HealthCheckResponse call() {
        List<Long> stuck = reconciler.stuck();
        return HealthCheckResponse.named("deploy-chains").status(stuck.isEmpty())
                .withData("stuck", stuck.size())
                .withData("deploys", stuck.toString())
                .build();
    }
}
