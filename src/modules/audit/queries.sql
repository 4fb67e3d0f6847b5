-- auditLogStore: the SQL of each query, from a context scoped to /1/. Generated; do not edit.

-- auditLogStore.matching
select 1 as "one"
  from "audit_log" as "a";

-- auditLogStore.matchingFiltered
select 1 as "one"
  from "audit_log" as "a"
  where "a"."action" = $1
  and "a"."username" = $2
  and ("a"."person_id" = $3
  or "a"."person_ids" @> ARRAY[$4]::bigint[])
  and "a"."at" >= $5
  and "a"."at" < $6;

-- auditLogStore.page
select "a"."id", "a"."at", "a"."username", "a"."role", "a"."ip", "a"."action", "a"."person_id" as "personId", "a"."target", "a"."detail", coalesce(cardinality(a.person_ids), (a.person_id IS NOT NULL)::int) as "personCount", coalesce(a.person_ids[1:10], '{}') as "personSample"
  from "audit_log" as "a"
  order by "a"."at" desc, "a"."id" desc
  limit $1;

-- auditLogStore.pageFiltered
select "a"."id", "a"."at", "a"."username", "a"."role", "a"."ip", "a"."action", "a"."person_id" as "personId", "a"."target", "a"."detail", coalesce(cardinality(a.person_ids), (a.person_id IS NOT NULL)::int) as "personCount", coalesce(a.person_ids[1:10], '{}') as "personSample"
  from "audit_log" as "a"
  where "a"."action" = $1
  and "a"."username" = $2
  and ("a"."person_id" = $3
  or "a"."person_ids" @> ARRAY[$4]::bigint[])
  and "a"."at" >= $5
  and "a"."at" < $6
  order by "a"."at" desc, "a"."id" desc
  limit $7;

-- auditLogStore.pageAfterCursor
select "a"."id", "a"."at", "a"."username", "a"."role", "a"."ip", "a"."action", "a"."person_id" as "personId", "a"."target", "a"."detail", coalesce(cardinality(a.person_ids), (a.person_id IS NOT NULL)::int) as "personCount", coalesce(a.person_ids[1:10], '{}') as "personSample"
  from "audit_log" as "a"
  where ("a"."at", "a"."id") < ($1, $2)
  order by "a"."at" desc, "a"."id" desc
  limit $3;
