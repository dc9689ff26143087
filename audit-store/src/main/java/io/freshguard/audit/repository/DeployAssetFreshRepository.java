package io.freshguard.audit.repository;

import io.freshguard.audit.domain.DeployAssetFresh;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The first FRESH sighting of each asset for each deploy. */
@ApplicationScoped
public class DeployAssetFreshRepository implements PanacheRepositoryBase<DeployAssetFresh, DeployAssetFresh.Key> {
}
