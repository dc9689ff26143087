package io.freshguard.probe.service;

import java.time.Duration;

/** One configured asset, with its marker parser compiled once. */
public record ProbedAsset(String site, String asset, String url, String originUrl, BuildMarker marker, Duration grace) {
}
