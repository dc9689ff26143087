package io.freshguard.audit.repository;

import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.SourceKind;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class DeployRepository implements PanacheRepositoryBase<DeployRecord, Long> {

    public Optional<DeployRecord> findByDelivery(SourceKind kind, String deliveryId) {
        return find("sourceKind = ?1 and deliveryId = ?2", kind, deliveryId).firstResultOptional();
    }

    public Optional<DeployRecord> findByDeliveryOrRelease(SourceKind kind, String deliveryId, String site, String dedupKey) {
        return find("sourceKind = ?1 and deliveryId = ?2 or site = ?3 and dedupKey = ?4 order by id", kind, deliveryId, site, dedupKey)
                .firstResultOptional();
    }
}
