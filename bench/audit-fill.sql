-- A year of history for the audit benchmark: 1M deploys over 20 sites, one invalidation batch each,
-- 10M audit-log entries (10 per deploy) and 50k stale windows. Run after the service created the schema.
\timing on
set synchronous_commit = off;
insert into deploy (site, source_kind, source_key, delivery_id, dedup_key, release_name, commit_sha, actor, deployed_at,
                    received_at, status, status_changed_at, payload_sha256, requested_at, invalidated_at, fresh_at)
select 'site' || (i % 20), 'GENERIC', 'site' || (i % 20), 'bench-' || i, 'release:v' || i, 'v' || i,
       md5(i::text), 'ci@example.com', ts, ts, 'FRESH', ts + interval '3 minutes', md5(i::text) || md5(i::text),
       ts + interval '2 seconds', ts + interval '90 seconds', ts + interval '100 seconds'
from (select i, timestamptz '2025-11-25 00:00:00+00' + (i * interval '31.536 seconds') as ts
      from generate_series(1, 1000000) i) g;

insert into invalidation_batch (deploy_id, target, caller_reference, paths, file_paths, wildcard_paths, status,
                                attempts, next_attempt_at, purge_id, created_at, requested_at, completed_at)
select id, 'cloudfront:EDIST' || (id % 20), 'freshguard-' || id || '-bench', '/embed.js' || chr(10) || '/overlay.css', 2, 0, 'COMPLETED',
       1, received_at, 'I' || upper(substr(md5(id::text), 1, 13)), received_at, requested_at, invalidated_at
from deploy;

insert into audit_log (seq, at, kind, subject, deploy_id, data, prev_hash, hash)
select (d.id - 1) * 10 + k, d.received_at + k * interval '10 seconds',
       (array['RECEIVED','BATCH_PLANNED','PURGE_ATTEMPT','REQUESTED','PURGE_ATTEMPT','INVALIDATED',
              'ASSET_PENDING','ASSET_FRESH','FRESH','PURGE_ATTEMPT'])[k],
       'deploy/' || d.id, d.id,
       '{"site":"' || d.site || '","release":"' || d.release_name || '","attempt":' || k || ',"outcome":"accepted"}',
       md5(d.id::text || k) || md5(k::text), md5(k::text || d.id) || md5(d.id::text)
from deploy d, generate_series(1, 10) k;

update audit_head set seq = (select max(seq) from audit_log), hash = (select hash from audit_log order by seq desc limit 1);

insert into stale_incident (site, asset, deploy_id, state, started_at, ended_at, cause, origin_old)
select site, 'embed', id, 'STALE', received_at + interval '15 minutes', received_at + interval '40 minutes',
       'older build past the grace of PT15M; CDN stale, origin is current: invalidation refused by CloudFront: InvalidClientTokenId', false
from deploy where id % 20 = 0;

analyze;
select (select count(*) from deploy) deploys, (select count(*) from audit_log) log_entries,
       (select count(*) from stale_incident) incidents, pg_size_pretty(pg_database_size(current_database())) size;
