-- A chain's heals are numbered, and a number is taken once per distribution: two replicas that plan the same heal at
-- the same moment cannot both write it (the second insert fails and its transaction changes nothing), so the per-chain
-- bound holds by a key, not by a read before a write. Deploy batches leave it NULL, and NULLs never collide.
alter table invalidation_batch add column heal_attempt integer;
create unique index invalidation_batch_heal_uq on invalidation_batch (deploy_id, distribution_id, heal_attempt);

-- Heal paths reserved per distribution and calendar month (UTC). A heal reserves its paths with one conditional update
-- of this row, which also counts the month's deploy paths: replicas queue on the row lock, so together they never pass
-- the budget.
create table heal_path_budget (
    distribution_id varchar(100) not null,
    budget_month    varchar(7)   not null,
    heal_paths      bigint       not null,
    primary key (distribution_id, budget_month)
);
