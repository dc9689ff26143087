package io.freshguard.audit.service.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.repository.AuditLogRepository;
import io.freshguard.audit.repository.AuditLogRepository.UnsealedEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends to the audit log inside the caller's transaction, so an entry exists exactly when the change it
 * describes does. Callers pass only facts that may be read by anyone holding the audit token: never a secret.
 */
@ApplicationScoped
public class AuditTrail {

    private final AuditLogRepository log;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditBacklog backlog;

    public AuditTrail(AuditLogRepository log, ObjectMapper json, Clock clock, AuditBacklog backlog) {
        this.log = log;
        this.backlog = backlog;
        this.json = json;
        this.clock = clock;
    }

    /** One change to record: what happened ({@code kind}), to what, on which chain, with which facts. */
    public record Change(AuditKind kind, AuditSubject subject, Long deployId, Map<String, ?> data) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(AuditKind kind, AuditSubject subject, Long deployId, Map<String, ?> data) {
        appendAll(List.of(new Change(kind, subject, deployId, data)));
    }

    /** Appends several changes made in one transaction with one statement batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Change> changes) {
        if (!changes.isEmpty()) {
            log.insert(unsealed(changes));
            backlog.appended();
        }
    }

    /**
     * Appends a change on a connection whose (non-JTA) transaction the caller commits together with the change
     * itself: for the webhook intake, which commits its one short transaction without a transaction manager.
     */
    public void appendOn(Connection connection, Change change) throws SQLException {
        log.insert(connection, unsealed(List.of(change)));
        backlog.appended();
    }

    private List<UnsealedEntry> unsealed(List<Change> changes) {
        // both databases keep microseconds; truncating first keeps the sealed hash equal to what is read back
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<UnsealedEntry> entries = new ArrayList<>(changes.size());
        for (Change change : changes) {
            try {
                entries.add(new UnsealedEntry(at, change.kind().name(), change.subject().value(), change.deployId(),
                        json.writeValueAsString(change.data())));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("audit data for " + change.kind() + " is not serialisable", e);
            }
        }
        return entries;
    }
}
