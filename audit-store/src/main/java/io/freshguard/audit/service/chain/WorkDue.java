package io.freshguard.audit.service.chain;

/**
 * Fired after a commit that may give the invalidation worker something to do besides a new deploy: an asset seen
 * behind its deploy (a heal may be due), an origin now serving a held deploy's build, or a peer replica's notice.
 */
public record WorkDue(String reason) {
}
