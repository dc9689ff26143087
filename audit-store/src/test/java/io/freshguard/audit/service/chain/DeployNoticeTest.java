package io.freshguard.audit.service.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.domain.SourceKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeployNoticeTest {

    private static DeployNotice notice(String delivery, String release, String commit, String actor, Instant at) {
        return new DeployNotice(SourceKind.GENERIC, "acme", delivery, release, commit, actor, at, null, "0".repeat(64));
    }

    @Test
    void identifyingFieldsOverTheirColumnAreRefusedByName() {
        assertTrue(assertThrows(FieldOutOfBoundsException.class,
                () -> notice("d".repeat(201), "v1", null, null, null).bounded()).getMessage().startsWith("delivery id"));
        assertTrue(assertThrows(FieldOutOfBoundsException.class,
                () -> notice("d", "v".repeat(201), null, null, null).bounded()).getMessage().startsWith("release"));
        assertTrue(assertThrows(FieldOutOfBoundsException.class,
                () -> notice("d", null, "c".repeat(101), null, null).bounded()).getMessage().startsWith("commit"));
        assertTrue(assertThrows(FieldOutOfBoundsException.class,
                () -> notice("d", "v1", null, null, Instant.parse("+10000-01-01T00:00:00Z")).bounded()).getMessage()
                .startsWith("deployedAt"));
    }

    @Test
    void shownFieldsAreShortenedWithAMarkerAndNeverSplitASurrogatePair() {
        String actor = notice("d", "v1", null, "😀".repeat(200), null).bounded().actor();
        assertTrue(actor.length() <= DeployNotice.MAX_ACTOR && actor.endsWith(DeployNotice.CUT), actor);
        assertTrue(Character.isLowSurrogate(actor.charAt(actor.length() - DeployNotice.CUT.length() - 1)), actor);
        assertEquals("short", notice("d", "v1", null, "short", null).bounded().actor());
    }

    @Test
    void nulIsRefusedInIdentifiersAndReplacedInShownText() {
        assertTrue(assertThrows(FieldOutOfBoundsException.class,
                () -> notice("d\u0000", "v1", null, null, null).bounded()).getMessage().contains("NUL"));
        assertEquals("a\uFFFDb", notice("d", "v1", null, "a\u0000b", null).bounded().actor());
    }

    @Test
    void onlyAReleaseMakesLaterEventsDuplicates() {
        assertEquals("release:v7", notice("d", "v7", "abc", null, null).dedupKey());
        // a rollback to an earlier commit is a deploy of its own
        assertNull(notice("d", null, "abc", null, null).dedupKey());
    }
}
