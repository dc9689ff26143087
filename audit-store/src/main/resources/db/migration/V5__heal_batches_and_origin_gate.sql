-- A follow-up invalidation (a heal) is a batch like any other, marked so that it never moves its deploy's chain.
alter table invalidation_batch add column purpose varchar(10) default 'DEPLOY' not null;
-- Whether the origin itself served the old build at the asset's last verdict (null: no origin-url, or not checked).
alter table asset_state add column origin_old boolean;
-- The heal whose completion ended a stale window, if one did.
alter table stale_incident add column heal_batch_id bigint;
-- invalidate-after-origin: when the origin was first seen serving the deploy's build.
alter table deploy add column origin_ready_at timestamp with time zone;
