package io.freshguard.audit.repository;

import io.freshguard.audit.domain.AssetEdge;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** What each CDN edge last served for each asset. */
@ApplicationScoped
public class AssetEdgeRepository implements PanacheRepositoryBase<AssetEdge, AssetEdge.Key> {

    public List<AssetEdge> all() {
        return listAll();
    }

    /** The edges one asset was seen at, by edge name. */
    public List<AssetEdge> of(String site, String asset) {
        return list("key.site = ?1 and key.asset = ?2 order by key.edge", site, asset);
    }

    /** Drops edges not seen since {@code before}: history, no longer evidence. */
    public long pruneSeenBefore(Instant before) {
        return delete("checkedAt < ?1", before);
    }
}
