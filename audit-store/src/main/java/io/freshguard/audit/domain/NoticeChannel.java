package io.freshguard.audit.domain;

/** Where a notice goes: a URL of the site's (signed JSON), a Slack incoming webhook, a GitHub commit status. */
public enum NoticeChannel {
    WEBHOOK, SLACK, GITHUB
}
