-- authStore: the SQL of each query, from a context scoped to /1/5/. Generated; do not edit.

-- authStore.userByName
select "u"."id", "u"."username", "u"."display_name" as "displayName", "u"."password_hash" as "passwordHash", "u"."role", "u"."scope_node_id" as "scopeNodeId", "u"."scope_path" as "scopePath", "u"."disabled"
  from "users" as "u"
  where "u"."scope_path" like $1
  and "u"."username" = $2;

-- authStore.insertUser
insert into "users" ("username", "display_name", "password_hash", "role", "scope_node_id", "scope_path") select $1 as "username", $2 as "display_name", $3 as "password_hash", $4 as "role", $5 as "scope_node_id", $6 as "scope_path"
  where $7 like $8
  on conflict ("username") do nothing
  returning "id";

-- authStore.failuresSince
select count(*) as "n"
  from "login_failures"
  where "name_hash" = $1
  and "at" >= $2;

-- authStore.recordFailure
delete
  from "login_failures"
  where "name_hash" = $1
  and "at" < $2;
insert into "login_failures" ("name_hash", "at")
  values ($1, $2);

-- authStore.clearFailures
delete
  from "login_failures"
  where "name_hash" = $1;

-- authStore.setDisabled
update "users"
  set "disabled" = $1
  where "id" = $2
  and "scope_path" like $3;

-- authStore.listUsers
select "u"."id", "u"."username", "u"."display_name" as "displayName", "u"."role", "u"."scope_node_id" as "scopeNodeId", "u"."disabled", count(*) over() as "total"
  from "users" as "u"
  where "u"."scope_path" like $1
  order by "u"."id"
  limit $2
  offset $3;

-- authStore.createSession
insert into "sessions" ("id", "user_id", "created_at", "last_seen_at", "ip") select $1 as "id", "u"."id", $2 as "created_at", $3 as "last_seen_at", $4 as "ip"
  from "users" as "u"
  where "u"."scope_path" like $5
  and "u"."id" = $6;

-- authStore.sessionWithUser
select "u"."id", "u"."username", "u"."display_name" as "displayName", "u"."password_hash" as "passwordHash", "u"."role", "u"."scope_node_id" as "scopeNodeId", "u"."scope_path" as "scopePath", "u"."disabled", "s"."created_at" as "createdAt", "s"."last_seen_at" as "lastSeenAt"
  from "users" as "u"
  inner join "sessions" as "s" on "s"."user_id" = "u"."id"
  where "u"."scope_path" like $1
  and "s"."id" = $2
  and "s"."ended_at" is null
  and "u"."disabled" = $3;

-- authStore.touchSession
update "sessions"
  set "last_seen_at" = $1
  where "id" = $2
  and exists (select "u"."id"
  from "users" as "u"
  where "u"."id" = "sessions"."user_id"
  and "u"."scope_path" like $3);

-- authStore.endSession
update "sessions"
  set "ended_at" = $1
  where "id" = $2
  and "ended_at" is null
  and exists (select "u"."id"
  from "users" as "u"
  where "u"."id" = "sessions"."user_id"
  and "u"."scope_path" like $3);

-- authStore.endSessionsOf
update "sessions"
  set "ended_at" = $1
  where "user_id" = $2
  and "ended_at" is null
  and exists (select "u"."id"
  from "users" as "u"
  where "u"."id" = "sessions"."user_id"
  and "u"."scope_path" like $3);

-- authStore.tokenUser
select "u"."id", "u"."username", "u"."display_name" as "displayName", "u"."password_hash" as "passwordHash", "u"."role", "u"."scope_node_id" as "scopeNodeId", "u"."scope_path" as "scopePath", "u"."disabled", "t"."id" as "tokenId", "t"."last_used_at" as "lastUsedAt"
  from "users" as "u"
  inner join "api_tokens" as "t" on "t"."user_id" = "u"."id"
  where "u"."scope_path" like $1
  and "t"."token_hash" = $2
  and "t"."revoked_at" is null
  and "u"."disabled" = $3;

-- authStore.touchToken
update "api_tokens"
  set "last_used_at" = $1
  where "id" = $2
  and exists (select "u"."id"
  from "users" as "u"
  where "u"."id" = "api_tokens"."user_id"
  and "u"."scope_path" like $3);

-- authStore.tokensOf
select "id", "name", "created_at" as "createdAt", "last_used_at" as "lastUsedAt", "revoked_at" as "revokedAt"
  from "api_tokens"
  where "user_id" = $1
  and exists (select "u"."id"
  from "users" as "u"
  where "u"."id" = "api_tokens"."user_id"
  and "u"."scope_path" like $2)
  order by "id" desc;

-- authStore.revokeToken
update "api_tokens"
  set "revoked_at" = coalesce("revoked_at", $1)
  where "id" = $2
  and exists (select "u"."id"
  from "users" as "u"
  where "u"."id" = "api_tokens"."user_id"
  and "u"."scope_path" like $3)
  and "user_id" = $4
  returning "id", "name", "user_id" as "userId";

-- authStore.createToken
insert into "api_tokens" ("user_id", "name", "token_hash") select "u"."id", $1 as "name", $2 as "token_hash"
  from "users" as "u"
  where "u"."scope_path" like $3
  and "u"."id" = $4
  returning "id";
