package io.freshguard.audit.repository;

import io.freshguard.audit.domain.DeployRecord;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeployRepository implements PanacheRepositoryBase<DeployRecord, Long> {
}
