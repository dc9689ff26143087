package io.freshguard.audit.repository;

import io.freshguard.audit.domain.BatchPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The monthly budget of billed invalidation paths per CloudFront target, shared by every replica through one row per
 * target and month: a heal reserves its paths with a single conditional update (the row lock queues replicas),
 * counted together with the month's deploy paths, which always go out.
 */
@ApplicationScoped
public class HealBudgetRepository {

    private final EntityManager em;

    public HealBudgetRepository(EntityManager em) {
        this.em = em;
    }

    /** Reserves {@code paths} heal paths this month unless the month's total would pass {@code budget}. */
    public boolean reserve(String target, Instant now, int paths, long budget) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        em.createNativeQuery("insert into heal_path_budget (target, budget_month, heal_paths) values (?1, ?2, 0) on conflict do nothing")
                .setParameter(1, target).setParameter(2, month.toString()).executeUpdate();
        int reserved = em.createNativeQuery("update heal_path_budget set heal_paths = heal_paths + ?3"
                        + " where target = ?1 and budget_month = ?2 and heal_paths + ?3 + (select coalesce(sum(b.file_paths +"
                        + " b.wildcard_paths), 0) from invalidation_batch b where b.target = ?1 and b.purpose = ?5"
                        + " and b.created_at >= ?4) <= ?6")
                .setParameter(1, target)
                .setParameter(2, month.toString())
                .setParameter(3, paths)
                .setParameter(4, month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .setParameter(5, BatchPurpose.DEPLOY.name())
                .setParameter(6, budget)
                .executeUpdate();
        return reserved == 1;
    }
}
