package io.freshguard.service.dashboard;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.config.CredentialList;
import io.freshguard.audit.domain.DashboardSession;
import io.freshguard.audit.repository.DashboardSessionRepository;
import io.freshguard.audit.service.log.PayloadDigest;
import io.freshguard.service.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Dashboard sessions: the cookie is {@code expiry.nonce.mac}, keyed by the audit tokens, so any change to the token list
 * signs everyone out; and the store holds each live session (by its nonce's hash), so signing out ends it on every
 * replica, a copied cookie included. Forms carry a CSRF value derived from the session's nonce; the cookie is also
 * SameSite=Strict.
 */
@ApplicationScoped
public class DashboardSessions {

    public static final String COOKIE = "freshguard_session";

    /** A signed-in browser; {@code csrf} is the value its forms must send back. */
    public record Session(String nonce, Instant expires, String csrf) {
    }

    private final AuditConfig config;
    private final DashboardConfig dashboard;
    private final DashboardSessionRepository held;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DashboardSessions(AuditConfig config, DashboardConfig dashboard, DashboardSessionRepository held, Clock clock) {
        this.config = config;
        this.dashboard = dashboard;
        this.held = held;
        this.clock = clock;
    }

    /** How long a session lasts at most. */
    public Duration lifetime() {
        return dashboard.sessionLifetime();
    }

    public boolean signInPossible() {
        return !CredentialList.entries(config.token()).isEmpty();
    }

    /** One of the audit tokens (never a CI token), compared in constant time. */
    public boolean tokenMatches(String given) {
        return CredentialList.matches(config.token(), given);
    }

    /** A new session, held in the store; answers its cookie value. */
    @Transactional
    public String issue() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(dashboard.sessionLifetime());
        held.dropExpired(now);
        DashboardSession session = new DashboardSession();
        session.nonceSha256 = PayloadDigest.sha256Hex(nonce.getBytes(StandardCharsets.UTF_8));
        session.createdAt = now;
        session.expiresAt = expires;
        held.persist(session);
        String value = expires.getEpochSecond() + "." + nonce;
        return value + "." + mac("session|" + value);
    }

    /** Ends the session everywhere: its cookie, wherever it was copied, no longer signs anyone in. */
    @Transactional
    public void end(Session session) {
        held.end(PayloadDigest.sha256Hex(session.nonce().getBytes(StandardCharsets.UTF_8)));
    }

    /** The session a cookie value stands for, if it is ours, intact and not expired. */
    public Optional<Session> verify(String cookie) {
        if (cookie == null || !signInPossible()) {
            return Optional.empty();
        }
        int last = cookie.lastIndexOf('.');
        int first = cookie.indexOf('.');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        String value = cookie.substring(0, last);
        if (!MessageDigest.isEqual(mac("session|" + value).getBytes(StandardCharsets.UTF_8),
                cookie.substring(last + 1).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(value.substring(0, first));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochSecond(expiry);
        if (!clock.instant().isBefore(expires)) {
            return Optional.empty();
        }
        String nonce = value.substring(first + 1);
        if (!held.live(PayloadDigest.sha256Hex(nonce.getBytes(StandardCharsets.UTF_8)), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new Session(nonce, expires, mac("csrf|" + nonce)));
    }

    /** Whether a form's CSRF value belongs to this session. */
    public boolean csrfMatches(Session session, String given) {
        return given != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String data) {
        // keyed by the whole token list: any change to it (a rotation) signs everyone out
        byte[] key = ("freshguard-dashboard|" + String.join("\n", CredentialList.entries(config.token()))).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(CredentialList.hmacSha256(key, data.getBytes(StandardCharsets.UTF_8)));
    }
}
