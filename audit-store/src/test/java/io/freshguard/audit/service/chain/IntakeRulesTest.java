package io.freshguard.audit.service.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.domain.CommitId;
import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.repository.DeployIntakeRepository.KnownDeploy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Same deploy or a new one, by deploy order: each rule with the sender's case that needs it. */
class IntakeRulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration WINDOW = Duration.ofHours(1);

    static KnownDeploy known(long id, SourceKind kind, String key, String delivery, String release, Instant live) {
        return new KnownDeploy(id, "acme", kind, key, delivery, "body-" + delivery, release, live, live);
    }

    static DeployNotice notice(SourceKind kind, String key, String delivery, String release, String commit, Instant at) {
        return new DeployNotice(kind, key, delivery, release, commit, "me", at, null, "body-" + delivery);
    }

    @Test
    void anotherEventAboutTheNewestReleaseIsThatDeploy() {
        KnownDeploy v42 = known(7, SourceKind.HEROKU, "acme-prod", "d1", "v42", NOW.minusSeconds(60));
        IntakeRules.Decision d = IntakeRules.decide(notice(SourceKind.HEROKU, "acme-prod", "d2", "v42", "abc1234", NOW.minusSeconds(50)),
                List.of(v42), Optional.of(v42), NOW, WINDOW);
        assertTrue(d.isDuplicate());
        assertEquals(7, d.duplicateOf().id());
    }

    @Test
    void aLateRedeliveryOfAnEarlierReleaseIsThatEarlierDeploy() {
        KnownDeploy v41 = known(6, SourceKind.HEROKU, "acme-prod", "d0", "v41", NOW.minusSeconds(600));
        KnownDeploy v42 = known(7, SourceKind.HEROKU, "acme-prod", "d1", "v42", NOW.minusSeconds(60));
        IntakeRules.Decision d = IntakeRules.decide(notice(SourceKind.HEROKU, "acme-prod", "d0", "v41", "0ld1234", NOW.minusSeconds(600)),
                List.of(v41), Optional.of(v42), NOW, WINDOW);
        assertEquals(6, d.duplicateOf().id());
        assertNull(d.liveAgainAt(), "an earlier deploy never moves ahead of the newest");
    }

    @Test
    void theReadmeBodySentAgainAfterAnotherDeployIsARollback() {
        KnownDeploy v1 = known(3, SourceKind.GENERIC, "acme", "sha256:x", "v1", NOW.minusSeconds(900));
        KnownDeploy v2 = known(4, SourceKind.GENERIC, "acme", "sha256:y", "v2", NOW.minusSeconds(300));
        IntakeRules.Decision d = IntakeRules.decide(notice(SourceKind.GENERIC, "acme", "sha256:x", "v1", "abc1234", null),
                List.of(v1), Optional.of(v2), NOW, WINDOW);
        assertFalse(d.isDuplicate());
        assertEquals(4, d.generation(), "a generation no clashing row is in");
    }

    @Test
    void aSecondSenderOfTheNewestCommitJoinsItWithinTheWindowOnly() {
        KnownDeploy heroku = known(9, SourceKind.HEROKU, "acme-prod", "d9", "v42", NOW.minusSeconds(120));
        DeployNotice ci = notice(SourceKind.GENERIC, "acme", "sha256:z", "abc1234def", "abc1234def", null);
        IntakeRules.Decision joined = IntakeRules.decide(ci, List.of(heroku), Optional.of(heroku), NOW, WINDOW);
        assertEquals(9, joined.duplicateOf().id());
        IntakeRules.Decision later = IntakeRules.decide(ci, List.of(heroku), Optional.of(heroku), NOW.plus(Duration.ofHours(2)), WINDOW);
        assertFalse(later.isDuplicate());
    }

    @Test
    void aNewReleaseOfTheSameCommitBySameSenderIsANewDeploy() {
        KnownDeploy v42 = known(9, SourceKind.HEROKU, "acme-prod", "d9", "v42", NOW.minusSeconds(120));
        IntakeRules.Decision d = IntakeRules.decide(notice(SourceKind.HEROKU, "acme-prod", "d10", "v43", "abc1234", NOW),
                List.of(v42), Optional.of(v42), NOW, WINDOW);
        assertFalse(d.isDuplicate());
        assertEquals(9, d.generation());
    }

    @Test
    void theCommitKeyIsTheFirstSevenCharactersWhateverTheCase() {
        assertEquals("abc1234", CommitId.key("ABC1234def567"));
        assertEquals("abc12", CommitId.key(" abc12 "));
        assertNull(CommitId.key(" "));
    }
}
