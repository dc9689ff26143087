-- Dashboard sessions are held here as well as in their signed cookie, so signing out ends a session for good (a copied
-- cookie stops working on every replica) and the cookie alone is never enough. Only a hash of the session's random
-- nonce is stored: a read of this table signs no one in.
create table dashboard_session (
    nonce_sha256 varchar(64) primary key,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null
);

create index dashboard_session_expires_idx on dashboard_session (expires_at);
