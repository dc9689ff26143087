package io.freshguard.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.domain.Freshness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentEncodingTest {

    @Test
    void aCompressionBombCostsNoMoreThanMaxBytesOfOutput() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
        }
        assertTrue(compressed.size() < 300_000, "200 MiB of zeros compress to " + compressed.size());
        BuildMarker.Reading reading = BuildMarker.defaults().read(
                ContentEncoding.decode(new ByteArrayInputStream(compressed.toByteArray()), "gzip"), 262_144);
        assertTrue(reading.marker().isEmpty());
        assertEquals(262_144, reading.bytesRead());
    }

    @Test
    void decodesWhatTheServerSaysItSentAndRefusesTheUnknown() throws IOException {
        String js = "console.log(\"embed.js built on 2014-06-05 12:00:00 UTC in production\");";
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(compressed)) {
            zip.write(js.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(BuildMarker.defaults().read(ContentEncoding.decode(new ByteArrayInputStream(compressed.toByteArray()),
                "GZIP"), 1000).marker().isPresent());
        assertTrue(BuildMarker.defaults().read(ContentEncoding.decode(new ByteArrayInputStream(js.getBytes(StandardCharsets.UTF_8)),
                null), 1000).marker().isPresent());
        assertThrows(IOException.class, () -> ContentEncoding.decode(new ByteArrayInputStream(new byte[0]), "zstd"));
        assertEquals(Optional.of(ContentEncoding.BR), ContentEncoding.parse(" BR "));
        assertTrue(ContentEncoding.parse("deflate").isEmpty());
    }

    @Test
    void theVerdictIsTheWorstCopyAndSaysWhichCopyIsBehind() {
        ProbedAsset asset = new ProbedAsset("acme", "embed", "http://cdn/embed.js", null, BuildMarker.defaults(), Duration.ZERO);
        AssetFetcher.Fetch fetch = new AssetFetcher.Fetch(200, Optional.empty(), 10, 1, null, null, null, null, null);
        List<ContentEncoding> all = List.of(ContentEncoding.BR, ContentEncoding.GZIP, ContentEncoding.IDENTITY);
        AssetResult fresh = new AssetResult(asset, fetch, Freshness.FRESH, 1L, null, "serves the latest deploy", null);
        AssetResult stale = new AssetResult(asset, fetch, Freshness.STALE, 1L, null, "older build past the grace", false);
        AssetResult worst = AssetResult.worstOf(List.of(stale, fresh, fresh), all);
        assertEquals(Freshness.STALE, worst.state());
        assertEquals("the br copy: older build past the grace; copies: br=STALE, gzip=FRESH, identity=FRESH", worst.diagnosis());
        assertEquals("serves the latest deploy", AssetResult.worstOf(List.of(fresh, fresh, fresh), all).diagnosis());
    }
}
