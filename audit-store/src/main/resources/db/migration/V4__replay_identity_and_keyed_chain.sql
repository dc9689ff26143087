-- A signed body replayed under a new (unsigned) delivery header is the same delivery: one row per body and source.
create unique index deploy_payload_uq on deploy (source_kind, source_key, payload_sha256);
