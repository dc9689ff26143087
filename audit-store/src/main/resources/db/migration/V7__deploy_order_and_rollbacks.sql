-- What customers should get is decided by deploy order, not arrival: the moment a deploy went live (the sender's
-- time when it gave one, else when it arrived), stored so the site's newest deploy is one index read.
alter table deploy add column live_at timestamp with time zone;
update deploy set live_at = coalesce(deployed_at, received_at);
alter table deploy alter column live_at set not null;
create index deploy_site_live_idx on deploy (site, live_at, id);

-- A rollback (an earlier release, commit or the very same body, deployed again after another deploy) is a new
-- deploy: its identity keys carry the id of the deploy it followed (0 for a first deploy), so the same delivery,
-- body, release or commit is one deploy per generation. Deploys of one site and commit from different senders meet
-- on commit_key (the commit's first seven characters).
alter table deploy add column generation bigint not null default 0;
alter table deploy add column commit_key varchar(100);
alter table deploy drop constraint deploy_delivery_uq;
alter table deploy drop constraint deploy_release_uq;
drop index deploy_payload_uq;
alter table deploy add constraint deploy_delivery_uq unique (source_kind, delivery_id, generation);
alter table deploy add constraint deploy_release_uq unique (site, dedup_key, generation);
create unique index deploy_payload_uq on deploy (source_kind, source_key, payload_sha256, generation);
create unique index deploy_commit_uq on deploy (site, commit_key, generation);
