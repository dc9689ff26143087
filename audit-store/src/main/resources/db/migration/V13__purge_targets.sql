-- A batch purges one target of any CDN, named "<vendor>:<id>" (cloudfront:E2QWRUHAPOMQZL, fastly:<service id>,
-- cloudflare:<zone id>), no longer only a CloudFront distribution; the vendor's own id of the request is purge_id.
-- Rows written before are CloudFront's and get its prefix, so they read exactly as the new ones of the same
-- distribution (joins, budgets and in-progress limits keep counting them).
alter table invalidation_batch rename column distribution_id to target;
alter table invalidation_batch rename column cloudfront_id to purge_id;
alter table invalidation_batch alter column target set data type varchar(200);
update invalidation_batch set target = 'cloudfront:' || target where target not like '%:%';

alter table heal_path_budget rename column distribution_id to target;
alter table heal_path_budget alter column target set data type varchar(200);
update heal_path_budget set target = 'cloudfront:' || target where target not like '%:%';
