package io.freshguard.audit.domain;

import java.util.Locale;

/** A commit as senders and build markers name it: a full SHA, or a prefix of one. */
public final class CommitId {

    /** Prefixes shorter than this are compared whole. */
    static final int PREFIX = 7;

    private CommitId() {
    }

    /** What deploys of one site and commit from several senders share: the commit's first seven characters. */
    public static String key(String commit) {
        if (commit == null || commit.isBlank()) {
            return null;
        }
        String key = commit.strip().toLowerCase(Locale.ROOT);
        return key.length() > PREFIX ? key.substring(0, PREFIX) : key;
    }

    /** Short and full SHAs of the same commit match; at least 7 characters must agree. */
    public static boolean same(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int common = Math.min(x.length(), y.length());
        return common >= PREFIX ? x.startsWith(y.substring(0, common)) && y.startsWith(x.substring(0, common)) : x.equals(y);
    }
}
