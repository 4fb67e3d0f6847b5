-- auditLogStore: the SQL of each query, from a context scoped to /1/. Generated; do not edit.

-- auditLogStore.count
select count(*) as "n"
  from "audit_log" as "a";

-- auditLogStore.countFiltered
select count(*) as "n"
  from "audit_log" as "a"
  where "a"."action" = $1
  and "a"."username" = $2
  and "a"."person_id" = $3
  and "a"."at" >= $4
  and "a"."at" < $5;

-- auditLogStore.page
select "a"."id", "a"."at", "a"."username", "a"."role", "a"."ip", "a"."action", "a"."person_id" as "personId", "a"."target", "a"."detail"
  from "audit_log" as "a"
  order by "a"."at" desc, "a"."id" desc
  limit $1
  offset $2;

-- auditLogStore.pageFiltered
select "a"."id", "a"."at", "a"."username", "a"."role", "a"."ip", "a"."action", "a"."person_id" as "personId", "a"."target", "a"."detail"
  from "audit_log" as "a"
  where "a"."action" = $1
  and "a"."username" = $2
  and "a"."person_id" = $3
  and "a"."at" >= $4
  and "a"."at" < $5
  order by "a"."at" desc, "a"."id" desc
  limit $6
  offset $7;

-- auditLogStore.pageAfterCursor
select "a"."id", "a"."at", "a"."username", "a"."role", "a"."ip", "a"."action", "a"."person_id" as "personId", "a"."target", "a"."detail"
  from "audit_log" as "a"
  where ("a"."at", "a"."id") < ($1, $2)
  order by "a"."at" desc, "a"."id" desc
  limit $3;
