package io.freshguard.notify.service;

import io.freshguard.audit.domain.NoticeChannel;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a notice says, and who hears it: people (a webhook, Slack) hear of trouble and of recovery; a commit status
 * follows every deploy from pending to its verdict.
 */
public enum NoticeType {
    PENDING("chain.pending", "pending", EnumSet.of(NoticeChannel.GITHUB)),
    BLOCKED("chain.blocked", "failure", EnumSet.allOf(NoticeChannel.class)),
    STALE("chain.stale", "failure", EnumSet.allOf(NoticeChannel.class)),
    HEAL_EXHAUSTED("chain.heal_exhausted", "failure", EnumSet.allOf(NoticeChannel.class)),
    HEAL_BUDGET("chain.heal_budget", "failure", EnumSet.allOf(NoticeChannel.class)),
    FAILED("chain.failed", "failure", EnumSet.allOf(NoticeChannel.class)),
    FRESH("chain.fresh", "success", EnumSet.of(NoticeChannel.GITHUB)),
    RECOVERED("chain.recovered", "success", EnumSet.of(NoticeChannel.WEBHOOK, NoticeChannel.SLACK)),
    SUPERSEDED("chain.superseded", "error", EnumSet.of(NoticeChannel.GITHUB)),
    CDN_REFUSED("cdn.refused", null, EnumSet.of(NoticeChannel.WEBHOOK, NoticeChannel.SLACK)),
    CDN_RECOVERED("cdn.recovered", null, EnumSet.of(NoticeChannel.WEBHOOK, NoticeChannel.SLACK)),
    CDN_TOKEN_EXPIRING("cdn.token_expiring", null, EnumSet.of(NoticeChannel.WEBHOOK, NoticeChannel.SLACK));

    /** The types a recovery answers. */
    public static final Set<NoticeType> TROUBLE = EnumSet.of(BLOCKED, STALE, HEAL_EXHAUSTED, HEAL_BUDGET, FAILED);

    private final String id;
    private final String commitState;
    private final Set<NoticeChannel> channels;

    NoticeType(String id, String commitState, Set<NoticeChannel> channels) {
        this.id = id;
        this.commitState = commitState;
        this.channels = channels;
    }

    /** The notice's {@code type} as receivers see it, e.g. {@code chain.blocked}. */
    public String id() {
        return id;
    }

    /** The GitHub commit status state it sets, or null when it sets none. */
    public String commitState() {
        return commitState;
    }

    public boolean goesTo(NoticeChannel channel) {
        return channels.contains(channel);
    }

    public static NoticeType of(String id) {
        for (NoticeType type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no notice type " + id);
    }
}
