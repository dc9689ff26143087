-- A signed body replayed under a new (unsigned) delivery header is the same delivery: one row per body and source.
create unique index deploy_payload_uq on deploy (source_kind, source_key, payload_sha256);

-- The keyed part of the audit chain: entries from keyed_from on are linked with an HMAC under a key the database
-- never holds, and the head carries that key's signature. Entries sealed before stay plain SHA-256 links.
alter table audit_head add column keyed_from bigint;
alter table audit_head add column signature varchar(64);
