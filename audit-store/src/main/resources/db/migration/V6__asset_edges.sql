-- What each CDN edge served each asset, as last seen by whichever replica reached it: an asset is FRESH only when
-- every edge seen within the last probe interval serves the new build.
create table asset_edge (
    site             varchar(100) not null,
    asset            varchar(100) not null,
    edge             varchar(200) not null,
    replica          varchar(200) not null,
    state            varchar(20)  not null,
    deploy_id        bigint,
    observed_release varchar(200),
    observed_commit  varchar(100),
    observed_time    timestamp with time zone,
    http_status      integer,
    diagnosis        varchar(500),
    checked_at       timestamp with time zone not null,
    primary key (site, asset, edge)
);

-- The verdict of each recent edge, e.g. "FRA56-C1=FRESH, IAD89-C2=STALE", for health data and the dashboard.
alter table asset_state add column edges varchar(500);
