package io.freshguard.service.dashboard;

import io.freshguard.audit.service.log.AuditVerifier;
import io.freshguard.audit.service.query.AuditViews;
import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Locale;

/** What the dashboard's templates show; the audit API's own views where they fit, shaped for reading otherwise. */
@TemplateData(target = AuditViews.DeploySummary.class)
@TemplateData(target = AuditViews.Timeline.class)
@TemplateData(target = AuditViews.BatchView.class)
@TemplateData(target = AuditViews.EventView.class)
@TemplateData(target = AuditViews.FreshView.class)
@TemplateData(target = AuditViews.IncidentView.class)
@TemplateData(target = AuditVerifier.Verification.class)
@TemplateData(target = AuditVerifier.Head.class)
public final class DashboardViews {

    private DashboardViews() {
    }

    /** One asset on its site's card: verdict in colour and words, observed build against the expected one. */
    @TemplateData
    public record AssetCard(String asset, String state, String observed, String expected, String diagnosis,
            String edges, String checkedAt, String since) {

        public String css() {
            return state.toLowerCase(Locale.ROOT);
        }
    }

    /** One step of a chain: reached or not, and how long after the deploy was received. */
    @TemplateData
    public record Step(String name, boolean reached, String after) {
    }

    /** A deploy's chain as a step bar, with its status when it left the path (BLOCKED, FAILED, ...). */
    @TemplateData
    public record ChainBar(long id, String release, String status, String receivedAt, List<Step> steps, boolean offPath) {
    }

    /** One site: its assets, the CDNs' word on its purge targets, and its latest deploy. */
    @TemplateData
    public record SiteCard(String name, String targets, boolean refused, String cdn, String lastCanary,
            List<AssetCard> assets, ChainBar latest) {
    }

    /** One bar of the deploy-to-fresh chart (SVG coordinates). */
    @TemplateData
    public record Bar(long deployId, String label, int x, int y, int height) {
    }

    /** The overview: every site, the open incidents and the deploy-to-fresh chart. */
    @TemplateData
    public record Overview(List<SiteCard> sites, List<AuditViews.IncidentView> openIncidents, List<Bar> chart,
            String chartMax, String updatedAt) {
    }

    /** One page of deploys with the filters that made it. */
    @TemplateData
    public record DeployList(List<AuditViews.DeploySummary> deploys, String site, String status, String next,
            List<String> sites, List<String> statuses) {
    }

    /** The audit log's state: the head to keep outside the database, and a verification when one was asked for. */
    @TemplateData
    public record AuditLogPage(AuditVerifier.Head head, AuditVerifier.Verification verification) {
    }
}
