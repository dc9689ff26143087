package io.freshguard.audit.service.log;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.domain.AuditEntry;
import io.freshguard.audit.domain.AuditHead;
import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditVerified;
import io.freshguard.audit.repository.AuditReadRepository;
import io.freshguard.audit.service.runtime.StoreJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Walks the sealed audit log and reports the first entry whose content, position or link does not hold. It walks
 * up to the head it read first: entries sealed while it walks are past that head, so a log being appended to gives
 * the same verdict as the same log at rest. On demand it walks the whole log; by itself, every
 * {@code freshguard.audit.verify-interval}, it walks only what was sealed since its last signed checkpoint.
 */
@ApplicationScoped
public class AuditVerifier {

    private static final int PAGE = 1000;

    private final AuditReadRepository store;
    private final AuditHasher hasher;
    private final Clock clock;
    /** 1 when the last verification on this replica held, 0 when it did not, NaN before any. */
    private final AtomicReference<Double> lastVerifyOk = new AtomicReference<>(Double.NaN);
    private final AtomicLong verifiedSeq = new AtomicLong();

    public AuditVerifier(AuditReadRepository store, AuditConfig config, MeterRegistry metrics, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.hasher = new AuditHasher(config.chainKey().filter(k -> !k.isBlank()).orElse(null));
        Gauge.builder("freshguard.audit.last.verify.ok", lastVerifyOk, AtomicReference::get)
                .description("1 when the last audit log verification held, 0 when it found a break (NaN before any)")
                .register(metrics);
        Gauge.builder("freshguard.audit.verified.seq", verifiedSeq, AtomicLong::get)
                .description("The last audit entry the scheduled verification has verified (the chain up to it holds)")
                .register(metrics);
    }

    /**
     * @param keyedFrom where the keyed part of the chain starts (null: not keyed yet)
     * @param reason why the log does not verify, for a reader; null when it does
     */
    public record Verification(boolean ok, long entries, Long firstBroken, Long keyedFrom, String reason) {

        static Verification broken(long entries, long at, Long keyedFrom, String reason) {
            return new Verification(false, entries, at, keyedFrom, reason);
        }
    }

    /** The end of the chain as it can be kept outside the database: {@code seq:hash:signature} is one string. */
    public record Head(long seq, String hash, String signature) {

        public String token() {
            return seq + ":" + hash + ":" + (signature == null ? "" : signature);
        }

        /** Parses {@link #token()}; empty when the text is not one. */
        public static Optional<Head> parse(String token) {
            String[] parts = token == null ? new String[0] : token.trim().split(":", -1);
            if (parts.length != 3 || !parts[1].matches("[0-9a-f]{64}") || !parts[2].matches("([0-9a-f]{64})?")) {
                return Optional.empty();
            }
            try {
                long seq = Long.parseLong(parts[0]);
                return seq < 0 ? Optional.empty() : Optional.of(new Head(seq, parts[1], parts[2].isEmpty() ? null : parts[2]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    @Transactional
    public Head head() {
        AuditHead head = store.head();
        return new Head(head.seq, head.hash, head.signature);
    }

    /** The whole chain, from its first entry. */
    public Verification verify() {
        return verify(null);
    }

    /**
     * Verifies the whole chain and, with a head kept outside the database, that the log still holds it and all before
     * it. One page per short transaction: a long log never holds a transaction (or a connection) open while it walks.
     */
    public Verification verify(Head saved) {
        AuditHead head = inTransaction(store::head);
        Verification result = walk(head, Start.GENESIS, saved);
        lastVerifyOk.set(result.ok() ? 1.0 : 0.0);
        return result;
    }

    /**
     * Verifies what was sealed since the last verification ended, from that signed checkpoint to the current head,
     * and moves the checkpoint when it holds. A checkpoint whose signature does not verify, or whose entry changed, is
     * itself a break.
     */
    public Verification verifySinceLastVerified() {
        AuditHead head = inTransaction(store::head);
        Optional<AuditVerified> checkpoint = inTransaction(store::verified);
        Start start = Start.GENESIS;
        if (checkpoint.isPresent()) {
            AuditVerified at = checkpoint.get();
            Optional<String> refusal = checkCheckpoint(at, head);
            if (refusal.isPresent()) {
                lastVerifyOk.set(0.0);
                return Verification.broken(0, at.seq, head.keyedFrom, refusal.get());
            }
            start = new Start(at.seq, at.hash);
        }
        Verification result = walk(head, start, null);
        lastVerifyOk.set(result.ok() ? 1.0 : 0.0);
        if (result.ok() && head.seq > start.seq()) {
            String signature = hasher.hasKey() ? hasher.signHead(head.seq, head.hash) : null;
            QuarkusTransaction.requiringNew().run(() -> store.saveVerified(head.seq, head.hash, signature, clock.instant()));
            verifiedSeq.set(head.seq);
        } else if (result.ok()) {
            verifiedSeq.set(start.seq());
        }
        return result;
    }

    @StoreJob
    @Scheduled(every = "${freshguard.audit.verify-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Verification result = verifySinceLastVerified();
        if (!result.ok()) {
            Log.errorf("The audit log does not verify at entry %d: %s", result.firstBroken(), result.reason());
        }
    }

    /** Where a walk starts: before the first entry, or at the entry the last verification ended with. */
    private record Start(long seq, String hash) {
        static final Start GENESIS = new Start(0, "0".repeat(64));
    }

    private Verification walk(AuditHead head, Start start, Head saved) {
        Long keyedFrom = head.keyedFrom;
        if (keyedFrom != null && !hasher.hasKey()) {
            return Verification.broken(0, keyedFrom, keyedFrom,
                    "the chain is keyed from entry " + keyedFrom + " but freshguard.audit.chain-key is not configured");
        }
        if (saved != null) {
            Optional<String> refusal = checkSaved(saved, head);
            if (refusal.isPresent()) {
                return Verification.broken(0, Math.min(saved.seq(), head.seq + 1), keyedFrom, refusal.get());
            }
        }
        String prevHash = start.hash();
        long expectedSeq = start.seq() + 1;
        long checked = 0;
        long lastSeq = start.seq();
        while (lastSeq < head.seq) {
            long after = lastSeq;
            List<AuditEntry> page = inTransaction(() -> store.sealedBetween(after, head.seq, PAGE));
            for (AuditEntry entry : page) {
                boolean keyed = keyedFrom != null && entry.seq >= keyedFrom;
                boolean intact = entry.seq == expectedSeq
                        && prevHash.equals(entry.prevHash)
                        && hasher.hash(prevHash, entry, keyed).equals(entry.hash)
                        && (keyedFrom == null || entry.seq != keyedFrom || AuditKind.CHAIN_KEYED.name().equals(entry.kind));
                if (!intact) {
                    // a deleted entry shows as a gap, reported at the first entry after it
                    return Verification.broken(checked, Math.min(entry.seq, expectedSeq), keyedFrom,
                            "entry " + Math.min(entry.seq, expectedSeq) + " does not match its link");
                }
                if (saved != null && entry.seq == saved.seq() && !entry.hash.equals(saved.hash())) {
                    return Verification.broken(checked, entry.seq, keyedFrom,
                            "entry " + entry.seq + " is not the one the saved head names");
                }
                prevHash = entry.hash;
                expectedSeq++;
                checked++;
                lastSeq = entry.seq;
            }
            if (page.isEmpty()) {
                break;
            }
        }
        if (head.seq != lastSeq || !head.hash.equals(prevHash)) {
            // the newest entries were removed (or the head was edited): the chain ends early
            return Verification.broken(checked, lastSeq + 1, keyedFrom, "the chain ends before its head");
        }
        if (keyedFrom != null && (head.signature == null || !constantTimeEquals(hasher.signHead(head.seq, head.hash), head.signature))) {
            return Verification.broken(checked, head.seq, keyedFrom, "the head's signature does not verify");
        }
        return new Verification(true, checked, null, keyedFrom, null);
    }

    private Optional<String> checkCheckpoint(AuditVerified at, AuditHead head) {
        if (hasher.hasKey() && at.signature == null && head.keyedFrom != null && at.seq >= head.keyedFrom
                || at.signature != null && hasher.hasKey() && !constantTimeEquals(hasher.signHead(at.seq, at.hash), at.signature)) {
            return Optional.of("the last verification's checkpoint (entry " + at.seq + ") is not signed by this chain key");
        }
        if (at.seq > head.seq) {
            return Optional.of("the log ends at " + head.seq + ", before entry " + at.seq + " the last verification reached");
        }
        Optional<AuditEntry> entry = at.seq == 0 ? Optional.empty() : inTransaction(() -> store.sealedAt(at.seq));
        if (at.seq > 0 && (entry.isEmpty() || !entry.get().hash.equals(at.hash))) {
            return Optional.of("entry " + at.seq + ", where the last verification ended, has changed since");
        }
        return Optional.empty();
    }

    private static <T> T inTransaction(Supplier<T> read) {
        return QuarkusTransaction.requiringNew().call(read::get);
    }

    private Optional<String> checkSaved(Head saved, AuditHead head) {
        if (saved.signature() != null && hasher.hasKey()
                && !constantTimeEquals(hasher.signHead(saved.seq(), saved.hash()), saved.signature())) {
            return Optional.of("the saved head's signature does not verify under this chain key");
        }
        if (saved.seq() > head.seq) {
            return Optional.of("the log ends at " + head.seq + ", before the saved head " + saved.seq()
                    + ": entries were removed and the head wound back");
        }
        if (saved.seq() == 0 && !saved.hash().equals("0".repeat(64))) {
            return Optional.of("the saved head is not a head of this log");
        }
        return Optional.empty();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
