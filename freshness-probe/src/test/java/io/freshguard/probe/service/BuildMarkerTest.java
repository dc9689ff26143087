package io.freshguard.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuildMarkerTest {

    static final Instant JUNE_5 = Instant.parse("2014-06-05T12:00:00Z");

    static Stream<Arguments> defaultMarkers() {
        return Stream.of(
                Arguments.of("ruby Time#to_s in UTC", "console.log(\"embed.js built on 2014-06-05 12:00:00 UTC in production\");", JUNE_5),
                Arguments.of("ruby Time#to_s with offset", "console.log(\"app.js built on 2014-06-05 14:00:00 +0200 in staging\")", JUNE_5),
                Arguments.of("ISO-8601 with Z", "/* built on 2014-06-05T12:00:00Z */", JUNE_5),
                Arguments.of("ISO-8601 with offset", "// built at 2014-06-05T13:00:00+01:00", JUNE_5),
                Arguments.of("ISO-8601 with fraction", "// built on 2014-06-05T12:00:00.250Z", JUNE_5.plusMillis(250)),
                Arguments.of("RFC 1123", "// built on Thu, 5 Jun 2014 12:00:00 GMT", JUNE_5),
                Arguments.of("after minified code on the same line", "var a=1;function b(){};console.log(\"x built on 2014-06-05 12:00:00 UTC in prod\")", JUNE_5),
                Arguments.of("first of several markers wins", "built on 2014-06-05 12:00:00 UTC in a\nbuilt on 2015-01-01 00:00:00 UTC in b", JUNE_5),
                Arguments.of("no marker", "console.log('hello')", null),
                Arguments.of("words but no time", "built on a sunny day in production", null),
                Arguments.of("an impossible date", "built on 2014-13-45 99:00:00 UTC in production", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaultMarkers")
    void recognisesTheDefaultMarkers(String name, String text, Instant expected) throws IOException {
        Optional<BuildMarker.Marker> marker = read(BuildMarker.defaults(), text.getBytes(StandardCharsets.UTF_8), 262144).marker();
        assertEquals(Optional.ofNullable(expected), marker.map(BuildMarker.Marker::time));
    }

    @Test
    void customRegexCapturesReleaseAndCommit() throws IOException {
        BuildMarker marker = BuildMarker.custom("release=(?<release>[\\w.-]+) commit=(?<commit>[0-9a-f]+)");
        BuildMarker.Marker m = read(marker, "/* release=v42 commit=69eec51 */".getBytes(StandardCharsets.UTF_8), 1024)
                .marker().orElseThrow();
        assertEquals("v42", m.release());
        assertEquals("69eec51", m.commit());
        assertEquals(null, m.time());
    }

    @Test
    void stopsReadingAtTheMarker() throws IOException {
        byte[] body = ("// built on 2014-06-05T12:00:00Z\n" + "x".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);
        BuildMarker.Reading reading = read(BuildMarker.defaults(), body, 262144);
        assertTrue(reading.marker().isPresent());
        assertTrue(reading.bytesRead() <= 8192, "read " + reading.bytesRead());
    }

    @Test
    void aMarkerAcrossAChunkBoundaryIsFound() throws IOException {
        String padding = "y".repeat(8192 - 10);
        byte[] body = (padding + "built on 2014-06-05 12:00:00 UTC in production").getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.of(JUNE_5), read(BuildMarker.defaults(), body, 262144).marker().map(BuildMarker.Marker::time));
    }

    @Test
    void givesUpAtMaxBytesOnAHugeLineWithoutNewlines() throws IOException {
        byte[] body = "built on ".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        BuildMarker.Reading reading = read(BuildMarker.defaults(), body, 262144);
        assertTrue(reading.marker().isEmpty());
        assertEquals(262144, reading.bytesRead());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "linear, not quadratic");
    }

    @Test
    void binaryInputIsHarmless() throws IOException {
        byte[] body = new byte[100_000];
        new Random(7).nextBytes(body);
        byte[] marker = "built on 2014-06-05T12:00:00Z".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, body, 50_000, marker.length);
        assertEquals(Optional.of(JUNE_5), read(BuildMarker.defaults(), body, 262144).marker().map(BuildMarker.Marker::time));
        byte[] noise = Arrays.copyOf(body, 40_000);
        assertTrue(read(BuildMarker.defaults(), noise, 262144).marker().isEmpty());
    }

    @Test
    void aSlowTrickleIsReadChunkByChunk() throws IOException {
        byte[] body = "x\nconsole.log(\"a built on 2014-06-05 12:00:00 UTC in p\")".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() {
            int position;

            @Override
            public int read() {
                return position < body.length ? body[position++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= body.length) {
                    return -1;
                }
                b[off] = body[position++];
                return 1;
            }
        };
        assertEquals(Optional.of(JUNE_5), BuildMarker.defaults().read(trickle, 1024).marker().map(BuildMarker.Marker::time));
    }

    private static BuildMarker.Reading read(BuildMarker marker, byte[] body, int maxBytes) throws IOException {
        return marker.read(new ByteArrayInputStream(body), maxBytes);
    }
}
