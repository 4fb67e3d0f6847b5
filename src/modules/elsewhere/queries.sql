-- elsewhereStore: the SQL of each query, from a context scoped to /1/. Generated; do not edit.

-- elsewhereStore.lockCity
SELECT pg_advisory_xact_lock(hashtext($1));

-- elsewhereStore.feed
select "id", "sha256", "imported_at" as "importedAt", "counts"
  from "elsewhere_feeds"
  where "province" = $1
  and "city" = $2
  and "generated_at" = $3;

-- elsewhereStore.latestFeedAt
select max("generated_at") as "at"
  from "elsewhere_feeds"
  where "province" = $1
  and "city" = $2;

-- elsewhereStore.insertFeed
insert into "elsewhere_feeds" ("province", "city", "generated_at", "sha256", "counts", "imported_by", "imported_at")
  values ($1, $2, $3, $4, $5, $6, $7)
  returning "id";

-- elsewhereStore.openFeedSpans
select "id", "area_key" as "key", "district", "name", "level", "since"
  from "elsewhere_areas"
  where "province" = $1
  and "city" = $2
  and "source" = $3
  and "until" is null;

-- elsewhereStore.insertSpans
insert into "elsewhere_areas" ("area_key", "province", "city", "district", "name", "level", "since", "source", "feed_id", "feed_area_id", "created_by", "created_at")
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  returning "id";

-- elsewhereStore.endSpans
UPDATE elsewhere_areas a SET until = e.at, ended_by = $3
           FROM unnest($1::bigint[], $2::timestamptz[]) AS e(id, at)
          WHERE a.id = e.id AND a.until IS NULL;

-- elsewhereStore.openKeyExists
select "id"
  from "elsewhere_areas"
  where "area_key" = $1
  and "until" is null;

-- elsewhereStore.openForUpdate
select "a"."id", "a"."province", "a"."city", "a"."district", "a"."name", "a"."level", "a"."since", "a"."until", "a"."source", "a"."area_key" as "key"
  from "elsewhere_areas" as "a"
  where "a"."id" = $1 for update;

-- elsewhereStore.get
select "a"."id", "a"."province", "a"."city", "a"."district", "a"."name", "a"."level", "a"."since", "a"."until", "a"."source", "a"."feed_area_id" as "feedAreaId", "f"."province" as "feedProvince", "f"."city" as "feedCity", "f"."generated_at" as "feedGeneratedAt"
  from "elsewhere_areas" as "a"
  left join "elsewhere_feeds" as "f" on "f"."id" = "a"."feed_id"
  where "a"."id" = $1;

-- elsewhereStore.history
select "a"."id", "a"."province", "a"."city", "a"."district", "a"."name", "a"."level", "a"."since", "a"."until", "a"."source", "a"."feed_area_id" as "feedAreaId", "f"."province" as "feedProvince", "f"."city" as "feedCity", "f"."generated_at" as "feedGeneratedAt"
  from "elsewhere_areas" as "a"
  left join "elsewhere_feeds" as "f" on "f"."id" = "a"."feed_id"
  where "a"."area_key" = (select "area_key"
  from "elsewhere_areas"
  where "id" = $1)
  order by "a"."since", "a"."id";

-- elsewhereStore.current
select "a"."id", "a"."province", "a"."city", "a"."district", "a"."name", "a"."level", "a"."since", "a"."until", "a"."source", "a"."feed_area_id" as "feedAreaId", "f"."province" as "feedProvince", "f"."city" as "feedCity", "f"."generated_at" as "feedGeneratedAt"
  from "elsewhere_areas" as "a"
  left join "elsewhere_feeds" as "f" on "f"."id" = "a"."feed_id"
  where ("a"."until" is null
  or "a"."until" > $1)
  order by "a"."province", "a"."city", "a"."id"
  limit $2;

-- elsewhereStore.currentFiltered
select "a"."id", "a"."province", "a"."city", "a"."district", "a"."name", "a"."level", "a"."since", "a"."until", "a"."source", "a"."feed_area_id" as "feedAreaId", "f"."province" as "feedProvince", "f"."city" as "feedCity", "f"."generated_at" as "feedGeneratedAt"
  from "elsewhere_areas" as "a"
  left join "elsewhere_feeds" as "f" on "f"."id" = "a"."feed_id"
  where ("a"."until" is null
  or "a"."until" > $1)
  and "a"."province" = $2
  and "a"."city" = $3
  and "a"."level" = $4
  and ("a"."province", "a"."city", "a"."id") > ($5, $6, $7)
  order by "a"."province", "a"."city", "a"."id"
  limit $8;

-- elsewhereStore.cities
select "a"."province", "a"."city", count(*) filter(where "a"."level" = $1) as "high", count(*) filter(where "a"."level" = $2) as "medium", count(*) filter(where "a"."level" = $3) as "low", min("a"."since") as "earliestSince"
  from "elsewhere_areas" as "a"
  where ("a"."until" is null
  or "a"."until" > $4)
  group by "a"."province", "a"."city"
  order by "a"."province", "a"."city";

-- elsewhereStore.meeting
select "a"."id", "a"."province", "a"."city", "a"."district", "a"."name", "a"."level", "a"."since", "a"."until"
  from "elsewhere_areas" as "a"
  where "a"."province" = $1
  and "a"."city" = $2
  and "a"."since" <= $3
  and ("a"."until" is null
  or "a"."until" > $4);

-- elsewhereStore.forReminder
select "a"."id", "a"."province", "a"."city", "a"."district", "a"."name", "a"."level", "a"."since", "a"."until"
  from "elsewhere_areas" as "a"
  where (("a"."since" >= $1
  and "a"."since" < $2)
  or ("a"."since" <= $3
  and ("a"."until" is null
  or "a"."until" > $4)))
  and "a"."level" != $5
  order by "a"."since", "a"."id";
