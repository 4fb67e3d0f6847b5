-- policyStore: the SQL of each query, from a context scoped to /1/. Generated; do not edit.

-- policyStore.list
select "id", "code", "name", "source", "effective_from", "updated_at", "data"
  from "policy_editions"
  order by "effective_from";

-- policyStore.lock
select "id", "code", "name", "source", "effective_from", "updated_at", "data"
  from "policy_editions"
  where "id" = $1 for update;

-- policyStore.taken
select "code", "effective_from"
  from "policy_editions"
  where ("code" = $1
  or "effective_from" = $2)
  and "id" <> $3;

-- policyStore.insert
insert into "policy_editions" ("code", "name", "source", "effective_from", "data", "created_by")
  values ($1, $2, $3, $4, $5, $6)
  on conflict do nothing
  returning "id", "code", "name", "source", "effective_from", "updated_at", "data";

-- policyStore.update
update "policy_editions"
  set "code" = $1, "name" = $2, "source" = $3, "effective_from" = $4, "data" = $5, "updated_at" = $6
  where "id" = $7
  returning "id", "code", "name", "source", "effective_from", "updated_at", "data";
