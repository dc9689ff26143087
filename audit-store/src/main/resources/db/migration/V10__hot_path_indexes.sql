-- Every probe recording reads the open incidents and each asset's current observation run while it holds the asset
-- rows: both are index reads now, not scans of tables that grow with history. (ended_at, id) also serves the
-- retention rule's range delete of closed incidents; (site, asset, id) finds an asset's newest run in one probe.
create index stale_incident_open_idx on stale_incident (ended_at, id);
create index asset_observation_latest_idx on asset_observation (site, asset, id);

-- the retention rule's delete of notices delivered (or given up) long ago
create index notice_delivery_created_idx on notice_delivery (created_at);
