package io.freshguard.invalidation.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shapes the paths of one distribution's deploys into CreateInvalidation batches that respect CloudFront's
 * limits (3000 file paths and 15 wildcard paths in progress per distribution) and its price (each path is
 * billed, a wildcard as one).
 */
public final class InvalidationPaths {

    public static final int MAX_FILE_PATHS = 3000;
    public static final int MAX_WILDCARD_PATHS = 15;

    private InvalidationPaths() {
    }

    public static boolean isWildcard(String path) {
        return path.endsWith("*");
    }

    /** Distinct paths, with more than {@code threshold} files under one directory replaced by {@code dir/*}. */
    public static List<String> collapse(List<String> paths, int threshold) {
        Set<String> distinct = new LinkedHashSet<>(paths);
        Map<String, List<String>> byDirectory = new LinkedHashMap<>();
        for (String path : distinct) {
            if (!isWildcard(path)) {
                byDirectory.computeIfAbsent(path.substring(0, path.lastIndexOf('/') + 1), d -> new ArrayList<>()).add(path);
            }
        }
        Set<String> result = new LinkedHashSet<>();
        for (String path : distinct) {
            String directory = isWildcard(path) ? null : path.substring(0, path.lastIndexOf('/') + 1);
            result.add(directory != null && byDirectory.get(directory).size() > threshold ? directory + "*" : path);
        }
        return List.copyOf(result);
    }

    /** Splits paths into batches that each fit CloudFront's in-progress limits on their own. */
    public static List<List<String>> split(List<String> paths) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int files = 0;
        int wildcards = 0;
        for (String path : paths) {
            boolean wildcard = isWildcard(path);
            if (wildcard ? wildcards == MAX_WILDCARD_PATHS : files == MAX_FILE_PATHS) {
                batches.add(current);
                current = new ArrayList<>();
                files = 0;
                wildcards = 0;
            }
            current.add(path);
            if (wildcard) {
                wildcards++;
            } else {
                files++;
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
