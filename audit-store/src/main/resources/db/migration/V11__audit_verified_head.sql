-- Where the last verification of the audit log ended, signed with the chain key like the head itself: the scheduled
-- verification walks only what was sealed since, and a checkpoint someone edited (or an entry it names that changed)
-- is itself a break.
create table audit_verified (
    id          integer primary key,
    seq         bigint       not null,
    hash        varchar(64)  not null,
    signature   varchar(64),
    verified_at timestamp with time zone not null
);
