package io.freshguard.audit.service;

import io.freshguard.audit.domain.AuditEntry;
import io.freshguard.audit.domain.AuditHead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** Walks the sealed audit log and reports the first entry whose content, position or link does not hold. */
@ApplicationScoped
public class AuditVerifier {

    private static final int PAGE = 1000;

    private final EntityManager em;

    public AuditVerifier(EntityManager em) {
        this.em = em;
    }

    public record Verification(boolean ok, long entries, Long firstBroken) {
    }

    @Transactional
    public Verification verify() {
        AuditHead head = em.find(AuditHead.class, AuditHead.ID);
        String prevHash = "0".repeat(64);
        long expectedSeq = 1;
        long checked = 0;
        long lastSeq = 0;
        while (true) {
            List<AuditEntry> page = em.createQuery("from AuditEntry where seq > :after order by seq", AuditEntry.class)
                    .setParameter("after", lastSeq)
                    .setMaxResults(PAGE)
                    .getResultList();
            for (AuditEntry entry : page) {
                boolean intact = entry.seq == expectedSeq
                        && prevHash.equals(entry.prevHash)
                        && AuditHasher.hash(prevHash, entry).equals(entry.hash);
                if (!intact) {
                    // a deleted entry shows as a gap, reported at the first entry after it
                    return new Verification(false, checked, Math.min(entry.seq, expectedSeq));
                }
                prevHash = entry.hash;
                expectedSeq++;
                checked++;
                lastSeq = entry.seq;
            }
            em.clear();
            if (page.size() < PAGE) {
                break;
            }
        }
        if (head.seq != lastSeq || !head.hash.equals(prevHash)) {
            // the newest entries were removed (or the head was edited): the chain ends early
            return new Verification(false, checked, lastSeq + 1);
        }
        return new Verification(true, checked, null);
    }
}
