package io.freshguard.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.domain.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Appends to the audit log inside the caller's transaction, so an entry exists exactly when the change it
 * describes does. Callers pass only facts that may be read by anyone holding the audit token: never a secret.
 */
@ApplicationScoped
public class AuditTrail {

    private final ObjectMapper json;
    private final Clock clock;

    public AuditTrail(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String kind, String subject, Long deployId, Map<String, ?> data) {
        AuditEntry entry = new AuditEntry();
        // both databases keep microseconds; truncating first keeps the sealed hash equal to what is read back
        entry.at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entry.kind = kind;
        entry.subject = subject;
        entry.deployId = deployId;
        try {
            entry.data = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit data for " + kind + " is not serialisable", e);
        }
        entry.persist();
    }
}
