package io.freshguard.invalidation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidationPathsTest {

    @Test
    void duplicatesGoAndADirectoryWithMoreFilesThanTheThresholdBecomesOneWildcard() {
        List<String> paths = new ArrayList<>(List.of("/embed.js", "/embed.js", "/a/1.js", "/a/2.js", "/a/3.js", "/b/*"));
        assertEquals(List.of("/embed.js", "/a/*", "/b/*"), InvalidationPaths.collapse(paths, 2));
        assertEquals(List.of("/embed.js", "/a/1.js", "/a/2.js", "/a/3.js", "/b/*"), InvalidationPaths.collapse(paths, 3));
    }

    @Test
    void batchesStayWithinCloudFrontsInProgressLimits() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            paths.add("/w" + i + "/*");
        }
        for (int i = 0; i < 3001; i++) {
            paths.add("/f" + i + ".js");
        }
        List<List<String>> batches = InvalidationPaths.split(paths);
        for (List<String> batch : batches) {
            assertTrue(batch.stream().filter(InvalidationPaths::isWildcard).count() <= InvalidationPaths.MAX_WILDCARD_PATHS);
            assertTrue(batch.stream().filter(p -> !InvalidationPaths.isWildcard(p)).count() <= InvalidationPaths.MAX_FILE_PATHS);
        }
        assertEquals(paths, batches.stream().flatMap(List::stream).toList(), "every path once, in order");
        assertEquals(3, batches.size());
        assertEquals(List.of(), InvalidationPaths.split(List.of()));
    }
}
