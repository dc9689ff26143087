package io.freshguard.notify.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.config.SitesConfig;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.NoticeChannel;
import io.freshguard.audit.domain.NoticeDelivery;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.repository.NoticeDeliveryRepository;
import io.freshguard.audit.service.chain.ChainMoved;
import io.freshguard.audit.service.site.CdnAccessChanged;
import io.freshguard.audit.service.site.CdnTokenExpiring;
import io.freshguard.notify.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes notices into the outbox in the transaction that made them true (a chain's move, a change in the CDN's answer),
 * so a notice exists exactly when its fact is committed; delivery is {@link NoticeDispatcher}'s, later. Intake writes
 * nothing here: a deploy's first notice comes with its first move.
 */
@ApplicationScoped
public class NoticeOutbox {

    private final SitesConfig sites;
    private final SiteDirectory directory;
    private final NotifyConfig config;
    private final NoticeDeliveryRepository deliveries;
    private final DeployRepository deploys;
    private final ObjectMapper json;
    private final Clock clock;

    public NoticeOutbox(SitesConfig sites, SiteDirectory directory, NotifyConfig config, NoticeDeliveryRepository deliveries, DeployRepository deploys,
            ObjectMapper json, Clock clock) {
        this.sites = sites;
        this.directory = directory;
        this.config = config;
        this.deliveries = deliveries;
        this.deploys = deploys;
        this.json = json;
        this.clock = clock;
    }

    /** In the moving transaction: the notice goes with the move, or neither does. */
    void onChainMoved(@Observes ChainMoved moved) {
        SitesConfig.Site site = sites.sites().get(moved.site());
        if (site == null || channels(site).isEmpty()) {
            return;
        }
        DeployRecord chain = deploys.findById(moved.deployId());
        String subject = AuditSubject.deploy(chain.id).value();
        switch (moved.to()) {
            case REQUESTED, RETRYING, INVALIDATED, DRY_RUN -> add(site, chain, NoticeType.PENDING, null, reason(moved.data()));
            case BLOCKED -> add(site, chain, NoticeType.BLOCKED, episode(chain), reason(moved.data()));
            case HEAL_EXHAUSTED -> add(site, chain, NoticeType.HEAL_EXHAUSTED, episode(chain),
                    "customers still get an older build after " + moved.data().get("heals") + " heals");
            case HEAL_BUDGET -> add(site, chain, NoticeType.HEAL_BUDGET, episode(chain), "customers still get an older build, and"
                    + " another heal would pass the distribution's monthly budget of " + moved.data().get("budget") + " paths");
            case FAILED -> add(site, chain, NoticeType.FAILED, episode(chain), reason(moved.data()));
            case SUPERSEDED -> add(site, chain, NoticeType.SUPERSEDED, null, "a later deploy superseded it before its build was seen");
            case FRESH -> {
                add(site, chain, NoticeType.FRESH, episode(chain), "customers get its build");
                Instant troubled = deliveries.latestAbout(subject, ids(NoticeType.TROUBLE)).orElse(null);
                Instant recovered = deliveries.latestAbout(subject, ids(List.of(NoticeType.RECOVERED))).orElse(Instant.MIN);
                if (troubled != null && troubled.isAfter(recovered)) {
                    add(site, chain, NoticeType.RECOVERED, episode(chain), "customers get its build again (was "
                            + moved.from() + ")");
                }
            }
            default -> {
                // RECEIVED, STALE (pushed once past the site's grace, by the scan), COALESCED, IGNORED: nothing to say
            }
        }
    }

    /** In the transaction that records the CDN's answer: refusals and their end, once per episode across replicas. */
    void onCdnAccess(@Observes CdnAccessChanged changed) {
        String subject = AuditSubject.target(changed.target()).value();
        // the n-th refusal of a target is the one after n recoveries: every replica computes the same id
        long episode = deliveries.messagesAbout(subject, NoticeType.CDN_RECOVERED.id());
        boolean refusedNow = deliveries.messagesAbout(subject, NoticeType.CDN_REFUSED.id()) > episode;
        if (changed.refused() == refusedNow) {
            return;
        }
        NoticeType type = changed.refused() ? NoticeType.CDN_REFUSED : NoticeType.CDN_RECOVERED;
        forSitesOf(changed.target(), (name, site) -> {
            ObjectNode data = targetData(name, changed.target()).put("code", changed.code());
            data.put("summary", changed.refused()
                    ? name + ": " + vendorName(changed.target()) + " refuses Freshguard for " + changed.target() + " ("
                            + changed.code() + ": " + changed.message() + "); deploys cannot be purged there"
                    : name + ": " + vendorName(changed.target()) + " accepts Freshguard again for " + changed.target()
                            + " (was " + changed.code() + ")");
            write(site, name, null, subject, type, messageId(subject, type, String.valueOf(episode)), data);
        });
    }

    /** In the canary's transaction: a token about to expire, once per target and expiry moment across replicas. */
    void onTokenExpiring(@Observes CdnTokenExpiring expiring) {
        String subject = AuditSubject.target(expiring.target()).value();
        NoticeType type = NoticeType.CDN_TOKEN_EXPIRING;
        forSitesOf(expiring.target(), (name, site) -> {
            ObjectNode data = targetData(name, expiring.target()).put("expiresAt", expiring.expiresAt().toString());
            data.put("summary", name + ": the " + vendorName(expiring.target()) + " API token for " + expiring.target()
                    + " expires at " + expiring.expiresAt() + "; replace it before then or deploys cannot be purged there");
            write(site, name, null, subject, type, messageId(subject, type, String.valueOf(expiring.expiresAt().getEpochSecond())), data);
        });
    }

    private void forSitesOf(String target, java.util.function.BiConsumer<String, SitesConfig.Site> notice) {
        sites.sites().forEach((name, site) -> {
            if (directory.targets(name).stream().anyMatch(t -> t.key().equals(target))) {
                notice.accept(name, site);
            }
        });
    }

    private ObjectNode targetData(String site, String target) {
        ObjectNode data = json.createObjectNode().put("site", site).put("target", target)
                .put("vendor", CdnVendor.ofTarget(target).id());
        if (CdnVendor.ofTarget(target) == CdnVendor.CLOUDFRONT) {
            // as receivers written before other CDNs read it
            data.put("distribution", CdnVendor.idOf(target));
        }
        return data;
    }

    private static String vendorName(String target) {
        return CdnVendor.ofTarget(target).displayName();
    }

    /**
     * Chains STALE past their site's grace: pushed once per STALE move, whichever replica sees it first. Without a site
     * that names a channel there is nothing to push, and no query is made.
     */
    @Transactional
    public void staleScan() {
        if (sites.sites().values().stream().allMatch(site -> channels(site).isEmpty())) {
            return;
        }
        Instant now = clock.instant();
        for (DeployRecord chain : deploys.inStatus(ChainStatus.STALE)) {
            SitesConfig.Site site = sites.sites().get(chain.site);
            if (site != null && !channels(site).isEmpty() && !chain.liveAt().plus(site.grace()).isAfter(now)) {
                add(site, chain, NoticeType.STALE, episode(chain), "customers still get an older build, past the site's grace of "
                        + site.grace().toMinutes() + " min");
            }
        }
    }

    private void add(SitesConfig.Site site, DeployRecord chain, NoticeType type, String episode, String reason) {
        String subject = AuditSubject.deploy(chain.id).value();
        ObjectNode data = json.createObjectNode().put("site", chain.site).put("deploy", chain.id)
                .put("release", chain.release).put("commit", chain.commit).put("status", chain.status.name())
                .put("reason", reason);
        data.put("summary", chain.site + ": deploy " + chain.id + " (" + label(chain) + ") " + headline(type) + ": " + reason);
        config.publicUrl().ifPresent(url -> data.put("link", url.replaceAll("/+$", "") + "/deploys/" + chain.id));
        write(site, chain.site, chain, subject, type, messageId(subject, type, episode), data);
    }

    private void write(SitesConfig.Site site, String siteName, DeployRecord chain, String subject, NoticeType type,
            String messageId, ObjectNode data) {
        Instant now = clock.instant();
        ObjectNode body = json.createObjectNode().put("type", type.id()).put("timestamp", now.toString());
        body.set("data", data);
        for (NoticeChannel channel : channels(site)) {
            if (!type.goesTo(channel) || channel == NoticeChannel.GITHUB && (chain == null || !CommitStatus.isCommit(chain.commit))) {
                continue;
            }
            NoticeDelivery delivery = new NoticeDelivery();
            delivery.messageId = messageId;
            delivery.channel = channel;
            delivery.site = siteName;
            delivery.deployId = chain == null ? null : chain.id;
            delivery.subject = subject;
            delivery.event = type.id();
            delivery.body = body.toString();
            delivery.createdAt = now;
            deliveries.addIfAbsent(delivery);
        }
    }

    static List<NoticeChannel> channels(SitesConfig.Site site) {
        List<NoticeChannel> out = new ArrayList<>(3);
        site.notices().webhook().ifPresent(w -> out.add(NoticeChannel.WEBHOOK));
        site.notices().slack().ifPresent(s -> out.add(NoticeChannel.SLACK));
        site.notices().github().ifPresent(g -> out.add(NoticeChannel.GITHUB));
        return out;
    }

    /** A chain's move is one moment, the same on every replica: it tells one trouble (or recovery) from the next. */
    private static String episode(DeployRecord chain) {
        return String.valueOf(chain.statusChangedAt.toEpochMilli());
    }

    /**
     * The id a message keeps on every retry and every replica ({@code webhook-id}): its subject and type, and the episode
     * when the subject can have the type more than once (null: once only, as a deploy's pending status).
     */
    private static String messageId(String subject, NoticeType type, String episode) {
        return "fg." + subject.replace('/', '.') + "." + type.id() + (episode == null ? "" : "." + episode);
    }

    private static String reason(Map<String, ?> data) {
        Object code = data.get("code");
        Object message = data.get("message");
        Object target = data.get("target");
        String by = target == null ? "the CDN" : vendorName(String.valueOf(target));
        return code == null ? "" : by + " " + code + (message == null ? "" : ": " + message);
    }

    private static String label(DeployRecord chain) {
        String commit = chain.commit == null ? null : chain.commit.substring(0, Math.min(7, chain.commit.length()));
        return chain.release == null ? String.valueOf(commit) : commit == null ? chain.release : chain.release + ", " + commit;
    }

    private static String headline(NoticeType type) {
        return switch (type) {
            case PENDING -> "is on its way to customers";
            case BLOCKED -> "is BLOCKED";
            case STALE -> "is STALE";
            case HEAL_EXHAUSTED -> "is HEAL_EXHAUSTED";
            case HEAL_BUDGET -> "is HEAL_BUDGET";
            case FAILED -> "FAILED";
            case FRESH -> "is FRESH";
            case RECOVERED -> "is FRESH again";
            case SUPERSEDED -> "was SUPERSEDED";
            case CDN_REFUSED, CDN_RECOVERED, CDN_TOKEN_EXPIRING -> type.id();
        };
    }

    private static List<String> ids(Collection<NoticeType> types) {
        return types.stream().map(NoticeType::id).toList();
    }
}
