-- positivesStore: the SQL of each query, from a context scoped to /1/5/. Generated; do not edit.

-- positivesStore.insert
SELECT pg_advisory_xact_lock(hashtext($1));
insert into "positives" ("report_date", "report_hour", "kind", "severity", "source", "number", "district_id", "terr_path", "residence_node_id", "residence", "origin", "channel", "relationships", "transferred_to", "account", "person_id", "reclassified_from", "created_by", "created_at") select $1 as "report_date", $2 as "report_hour", $3 as "kind", $4 as "severity", $5 as "source", coalesce(max("number"), 0) + 1 as "number", $6 as "district_id", $7 as "terr_path", $8 as "residence_node_id", $9 as "residence", $10 as "origin", $11 as "channel", $12 as "relationships", $13 as "transferred_to", $14 as "account", $15 as "person_id", $16 as "reclassified_from", $17 as "created_by", $18 as "created_at"
  from "positives"
  where "report_date" = $19
  and "kind" = $20 having $21 like $22
  returning "id", "number";

-- positivesStore.link
INSERT INTO positive_links (positive_id, source_id)
         SELECT p.id, s FROM positives p CROSS JOIN unnest($2::bigint[]) s WHERE p.id = $1 AND p.terr_path LIKE $3
         ON CONFLICT DO NOTHING;

-- positivesStore.visible
select "id"
  from "positives"
  where "id" = ANY($1)
  and "terr_path" like $2;

-- positivesStore.districtsOf
select "id", "district_id"
  from "positives"
  where "id" = ANY($1)
  and "terr_path" like $2;

-- positivesStore.idsByRef
SELECT p.id, to_char(p.report_date, 'YYYY-MM-DD') || '|' || p.kind || '|' || p.number AS k FROM positives p
           JOIN unnest($1::date[], $2::text[], $3::int[]) AS r(d, kind, n) ON p.report_date = r.d AND p.kind = r.kind AND p.number = r.n
          WHERE p.terr_path LIKE $4;

-- positivesStore.byId
select "p"."id", "p"."kind" as "kind", "p"."severity" as "severity", "p"."source" as "source", "p"."number", "p"."channel", "p"."residence", "p"."origin", "p"."relationships", "p"."transferred_to" as "transferredTo", "p"."reclassified_from" is not null as "reclassified", "p"."report_date" as "reportDate", "p"."report_hour" as "reportHour", "p"."district_id" as "districtId", "p"."account" as "account", (select coalesce(json_agg(agg), '[]')
  from (select "s"."id", "s"."report_date" as "date", "s"."kind" as "kind", "s"."number"
  from "positive_links" as "l"
  inner join "positives" as "s" on "s"."id" = "l"."source_id"
  where "l"."positive_id" = "p"."id"
  order by "s"."report_date", "s"."kind", "s"."number") as agg) as "contactOf", "p"."terr_path" as "terrPath", "p"."residence_node_id" as "residenceNodeId", "p"."person_id" as "personId"
  from "positives" as "p"
  where "p"."terr_path" like $1
  and "p"."id" = $2;

-- positivesStore.inWindow
select "p"."id", "p"."kind" as "kind", "p"."severity" as "severity", "p"."source" as "source", "p"."number", "p"."channel", "p"."residence", "p"."origin", "p"."relationships", "p"."transferred_to" as "transferredTo", "p"."reclassified_from" is not null as "reclassified", "p"."report_date" as "reportDate", "p"."report_hour" as "reportHour", "p"."district_id" as "districtId", "p"."account" as "account", (select coalesce(json_agg(agg), '[]')
  from (select "s"."id", "s"."report_date" as "date", "s"."kind" as "kind", "s"."number"
  from "positive_links" as "l"
  inner join "positives" as "s" on "s"."id" = "l"."source_id"
  where "l"."positive_id" = "p"."id"
  order by "s"."report_date", "s"."kind", "s"."number") as agg) as "contactOf"
  from "positives" as "p"
  where "p"."terr_path" like $1
  and "p"."report_date" = $2
  and "p"."report_hour" >= $3
  and "p"."report_hour" < $4
  order by "p"."report_hour", "p"."id";

-- positivesStore.page
select "p"."id", "p"."kind" as "kind", "p"."severity" as "severity", "p"."source" as "source", "p"."number", "p"."channel", "p"."residence", "p"."origin", "p"."relationships", "p"."transferred_to" as "transferredTo", "p"."reclassified_from" is not null as "reclassified", "p"."report_date" as "reportDate", "p"."report_hour" as "reportHour", "p"."district_id" as "districtId", "p"."account" as "account", (select coalesce(json_agg(agg), '[]')
  from (select "s"."id", "s"."report_date" as "date", "s"."kind" as "kind", "s"."number"
  from "positive_links" as "l"
  inner join "positives" as "s" on "s"."id" = "l"."source_id"
  where "l"."positive_id" = "p"."id"
  order by "s"."report_date", "s"."kind", "s"."number") as agg) as "contactOf"
  from "positives" as "p"
  where "p"."terr_path" like $1
  order by "p"."report_date" desc, "p"."kind" desc, "p"."number"
  limit $2;

-- positivesStore.pageFiltered
select "p"."id", "p"."kind" as "kind", "p"."severity" as "severity", "p"."source" as "source", "p"."number", "p"."channel", "p"."residence", "p"."origin", "p"."relationships", "p"."transferred_to" as "transferredTo", "p"."reclassified_from" is not null as "reclassified", "p"."report_date" as "reportDate", "p"."report_hour" as "reportHour", "p"."district_id" as "districtId", "p"."account" as "account", (select coalesce(json_agg(agg), '[]')
  from (select "s"."id", "s"."report_date" as "date", "s"."kind" as "kind", "s"."number"
  from "positive_links" as "l"
  inner join "positives" as "s" on "s"."id" = "l"."source_id"
  where "l"."positive_id" = "p"."id"
  order by "s"."report_date", "s"."kind", "s"."number") as agg) as "contactOf"
  from "positives" as "p"
  where "p"."terr_path" like $1
  and "p"."report_date" = $2
  and "p"."kind" = $3
  and (("p"."report_date", "p"."kind") < ($4, $5)
  or ("p"."report_date" = $6
  and "p"."kind" = $7
  and "p"."number" > $8))
  order by "p"."report_date" desc, "p"."kind" desc, "p"."number"
  limit $9;

-- positivesStore.matching
select 1 as "one"
  from "positives" as "p"
  where "p"."terr_path" like $1
  and "p"."report_date" = $2;

-- positivesStore.pageOfDistrictAndChannel
select "p"."id", "p"."kind" as "kind", "p"."severity" as "severity", "p"."source" as "source", "p"."number", "p"."channel", "p"."residence", "p"."origin", "p"."relationships", "p"."transferred_to" as "transferredTo", "p"."reclassified_from" is not null as "reclassified", "p"."report_date" as "reportDate", "p"."report_hour" as "reportHour", "p"."district_id" as "districtId", "p"."account" as "account", (select coalesce(json_agg(agg), '[]')
  from (select "s"."id", "s"."report_date" as "date", "s"."kind" as "kind", "s"."number"
  from "positive_links" as "l"
  inner join "positives" as "s" on "s"."id" = "l"."source_id"
  where "l"."positive_id" = "p"."id"
  order by "s"."report_date", "s"."kind", "s"."number") as agg) as "contactOf"
  from "positives" as "p"
  where "p"."terr_path" like $1
  and "p"."district_id" = $2
  and "p"."channel" = $3
  order by "p"."report_date" desc, "p"."kind" desc, "p"."number"
  limit $4;

-- positivesStore.daily
with "last" as (select coalesce($1::date, (select max("report_date") as "d"
  from "positives"
  where "terr_path" like $2)) as "d") select to_char("g"."g", 'YYYY-MM-DD') as "date", count("p"."id") filter(where "p"."kind" = $3) as "confirmed", count("p"."id") filter(where "p"."kind" = $4) as "asymptomatic"
  from "last", generate_series("last"."d" - ($5::int - 1), "last"."d", interval '1 day') as "g"
  left join "positives" as "p" on "p"."report_date" = "g"."g"::date
  and "p"."terr_path" like $6
  where "last"."d" is not null
  group by "g"."g"
  order by "g"."g";

-- positivesStore.trajectories
select "t"."positive_id" as "positiveId", to_char("t"."day", 'YYYY-MM-DD') as "day", "t"."times" as "times", "t"."stop" as "stop", "t"."place_node_id" as "placeNodeId"
  from "trajectory_entries" as "t"
  inner join "positives" as "p" on "p"."id" = "t"."positive_id"
  where "t"."positive_id" = ANY($1)
  and "p"."terr_path" like $2
  order by "t"."positive_id", "t"."seq";

-- positivesStore, a parent found: the SQL of each query, from a context scoped to /1/5/. Generated; do not edit.

-- positivesStore, a parent found.replaceTrajectory
select "id", "district_id"
  from "positives"
  where "id" = $1
  and "terr_path" like $2 for update;
delete
  from "trajectory_entries"
  where "positive_id" = $1;
insert into "trajectory_entries" ("positive_id", "seq", "day", "times", "stop", "place_node_id")
  values ($1, $2, $3, $4, $5, $6);

-- contactsStore: the SQL of each query, from a context scoped to /1/5/. Generated; do not edit.

-- contactsStore.upsertMany

WITH x AS (
  SELECT DISTINCT ON (coalesce(x.sp, 0), coalesce(x.sc, 0), coalesce(x.id, x.name || '|' || coalesce(x.phone, ''))) x.*
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[])
         WITH ORDINALITY AS x(kind, name, id, phone, sp, sc, district, path, n)
   WHERE x.path LIKE $10
   ORDER BY coalesce(x.sp, 0), coalesce(x.sc, 0), coalesce(x.id, x.name || '|' || coalesce(x.phone, '')), x.n DESC
), m AS (
  SELECT x.*, (
    SELECT c.id FROM contacts c
     WHERE c.terr_path LIKE $10
       AND (c.source_positive_id = x.sp OR c.source_contact_id = x.sc)
       AND (c.id_number = x.id
            OR (x.id IS NOT NULL AND c.id_number IS NULL AND c.name = x.name
                AND (c.phone IS NULL OR x.phone IS NULL OR c.phone = x.phone))
            OR (x.id IS NULL AND c.name = x.name AND coalesce(c.phone, '') = coalesce(x.phone, '')))
     ORDER BY c.id_number IS NOT DISTINCT FROM x.id DESC, c.id
     LIMIT 1) AS match
    FROM x
), upd AS (
  UPDATE contacts c SET id_number = coalesce(c.id_number, m.id), name = m.name, phone = coalesce(m.phone, c.phone)
    FROM m
   WHERE c.id = m.match
     AND (c.id_number IS DISTINCT FROM coalesce(c.id_number, m.id) OR c.name <> m.name
          OR c.phone IS DISTINCT FROM coalesce(m.phone, c.phone))
  RETURNING c.id
), ins AS (
  INSERT INTO contacts (kind, name, id_number, phone, source_positive_id, source_contact_id, district_id, terr_path, traced_at)
  SELECT kind, name, id, phone, sp, sc, district, path, $9::timestamptz FROM m WHERE match IS NULL ORDER BY n
  ON CONFLICT DO NOTHING
  RETURNING id
)
SELECT coalesce((SELECT array_agg(id ORDER BY id) FROM ins), '{}') AS inserted, (SELECT count(*)::int FROM upd) AS updated;

-- contactsStore.page
select "c"."id", "c"."kind", "c"."name", "c"."id_number" as "idNumber", "c"."phone", "c"."status", "c"."control_measure" as "controlMeasure", "c"."traced_at" as "tracedAt", "c"."district_id" as "districtId", "c"."source_positive_id" as "sourcePositiveId", "c"."source_contact_id" as "sourceContactId", case when "p"."id" is not null then to_char("p"."report_date", 'MM-DD') || CASE "p"."kind" WHEN 'confirmed' THEN ' 确诊病例' ELSE ' 无症状感染者' END || "p"."number" else "s"."name" end as "sourceLabel"
  from "contacts" as "c"
  left join "positives" as "p" on "p"."id" = "c"."source_positive_id"
  left join "contacts" as "s" on "s"."id" = "c"."source_contact_id"
  where "c"."terr_path" like $1
  order by "c"."traced_at" desc, "c"."id" desc
  limit $2;

-- contactsStore.pageFiltered
select "c"."id", "c"."kind", "c"."name", "c"."id_number" as "idNumber", "c"."phone", "c"."status", "c"."control_measure" as "controlMeasure", "c"."traced_at" as "tracedAt", "c"."district_id" as "districtId", "c"."source_positive_id" as "sourcePositiveId", "c"."source_contact_id" as "sourceContactId", case when "p"."id" is not null then to_char("p"."report_date", 'MM-DD') || CASE "p"."kind" WHEN 'confirmed' THEN ' 确诊病例' ELSE ' 无症状感染者' END || "p"."number" else "s"."name" end as "sourceLabel"
  from "contacts" as "c"
  left join "positives" as "p" on "p"."id" = "c"."source_positive_id"
  left join "contacts" as "s" on "s"."id" = "c"."source_contact_id"
  where "c"."terr_path" like $1
  and "c"."kind" = $2
  and "c"."status" = $3
  and "c"."source_positive_id" = $4
  and ("c"."traced_at", "c"."id") < ($5, $6)
  order by "c"."traced_at" desc, "c"."id" desc
  limit $7;

-- contactsStore.pageSearched
select "c"."id", "c"."kind", "c"."name", "c"."id_number" as "idNumber", "c"."phone", "c"."status", "c"."control_measure" as "controlMeasure", "c"."traced_at" as "tracedAt", "c"."district_id" as "districtId", "c"."source_positive_id" as "sourcePositiveId", "c"."source_contact_id" as "sourceContactId", case when "p"."id" is not null then to_char("p"."report_date", 'MM-DD') || CASE "p"."kind" WHEN 'confirmed' THEN ' 确诊病例' ELSE ' 无症状感染者' END || "p"."number" else "s"."name" end as "sourceLabel"
  from "contacts" as "c"
  left join "positives" as "p" on "p"."id" = "c"."source_positive_id"
  left join "contacts" as "s" on "s"."id" = "c"."source_contact_id"
  where "c"."terr_path" like $1
  and "c"."district_id" = $2
  and "c"."id_number" = $3
  and "c"."phone" = $4
  and "c"."name" ilike $5
  order by "c"."traced_at" desc, "c"."id" desc
  limit $6;

-- contactsStore.statusOf
select "status", "control_measure" as "measure"
  from "contacts"
  where "id" = $1
  and "terr_path" like $2 for update;

-- contactsStore.countByStatus
select "c"."status", count(*) as "n"
  from "contacts" as "c"
  where "c"."terr_path" like $1
  and "c"."source_positive_id" = $2
  group by "c"."status";

-- contactsStore.matching
select 1 as "one"
  from "contacts" as "c"
  where "c"."terr_path" like $1
  and "c"."kind" = $2;

-- contactsStore.setStatus
update "contacts"
  set "status" = $1, "control_measure" = $2
  where "id" = $3
  and "terr_path" like $4;

-- contactsStore.placesOf
select "id", "district_id" as "districtId", "terr_path" as "terrPath"
  from "contacts"
  where "id" = ANY($1)
  and "terr_path" like $2;

-- contactsStore.closeByIdNumber
select trim("id_number") as "k", min("id") as "id"
  from "contacts"
  where "kind" = $1
  and "id_number" = ANY($2)
  and "terr_path" like $3
  group by trim("id_number") having count(*) = $4;

-- contactsStore.controlledIdNumbers
select distinct "id_number"
  from "contacts"
  where "terr_path" like $1
  and "status" = $2
  and "control_measure" = $3
  and "id_number" is not null
  and "id_number" > $4
  order by "id_number"
  limit $5;

-- contactsStore.totals
select count(*) filter(where "kind" = $1) as "closeContacts", count(*) filter(where "kind" = $2) as "contactsOfCloseContacts", count(*) filter(where "status" in ($3, $4)) as "unplaced"
  from "contacts"
  where "terr_path" like $5
  and "traced_at" < $6;

-- clustersStore: the SQL of each query, from a context scoped to /1/5/. Generated; do not edit.

-- clustersStore.list
select "c"."id", "c"."name", "c"."lineage", count(*) as "cases", (select coalesce(json_agg(agg), '[]')
  from (select "p2"."district_id" as "districtId", count(*) as "cases"
  from "cluster_members" as "m2"
  inner join "positives" as "p2" on "p2"."id" = "m2"."positive_id"
  where "m2"."cluster_id" = "c"."id"
  and "p2"."terr_path" like $1
  group by "p2"."district_id"
  order by count(*) desc, min("p2"."id")) as agg) as "districts"
  from "clusters" as "c"
  inner join "cluster_members" as "m" on "m"."cluster_id" = "c"."id"
  inner join "positives" as "p" on "p"."id" = "m"."positive_id"
  where "p"."terr_path" like $2
  group by "c"."id"
  order by "c"."created_at" desc;

-- clustersStore.members
select "m"."positive_id" as "id"
  from "cluster_members" as "m"
  inner join "positives" as "p" on "p"."id" = "m"."positive_id"
  where "m"."cluster_id" = $1
  and "p"."terr_path" like $2;

-- clustersStore.chain
select "p"."id", "p"."kind" as "kind", "p"."number", to_char("p"."report_date", 'MM-DD') as "day"
  from "positives" as "p"
  where "p"."id" in (select unnest($1::bigint[]) as "id" union select "source_id" as "id"
  from "positive_links"
  where "positive_id" = ANY($2) union select "positive_id" as "id"
  from "positive_links"
  where "source_id" = ANY($3))
  and "p"."terr_path" like $4;

-- clustersStore.contactsFrom
select "id", "name", "status" as "status", "source_contact_id" as "source"
  from "contacts"
  where "kind" = $1
  and "source_contact_id" = ANY($2)
  and "terr_path" like $3
  order by "id"
  limit $4;

-- clustersStore, the name free: the SQL of each query, from a context scoped to /1/5/. Generated; do not edit.

-- clustersStore, the name free.insert
insert into "clusters" ("name", "lineage", "created_at")
  values ($1, $2, $3)
  on conflict ("name") do nothing
  returning "id";
insert into "cluster_members" ("cluster_id", "positive_id") select $1 as "cluster_id", "p"."id"
  from "positives" as "p"
  where "p"."id" = ANY($2)
  and "p"."terr_path" like $3;

-- placeTasksStore: the SQL of each query, from a context scoped to /1/5/. Generated; do not edit.

-- placeTasksStore.open
INSERT INTO place_tasks (positive_id, place, place_node_id, terr_path, task, created_at)
         SELECT p.id, x.place, x.node, x.path, v.t, $5
           FROM positives p
          CROSS JOIN unnest($2::text[], $3::bigint[], $4::text[]) AS x(place, node, path)
          CROSS JOIN (VALUES ('disinfection'), ('closure')) AS v(t)
          WHERE p.id = $1 AND p.terr_path LIKE $6
         ON CONFLICT DO NOTHING;

-- placeTasksStore.listOpen
select "t"."id", "t"."place", "t"."place_node_id" as "placeNodeId", "t"."task", "p"."district_id" as "districtId", "t"."created_at" as "createdAt", "t"."done_at" as "doneAt", "t"."done_by" as "doneById", json_build_object('date', "p"."report_date", 'kind', "p"."kind", 'number', "p"."number") as "positive", count(*) over() as "total"
  from "place_tasks" as "t"
  inner join "positives" as "p" on "p"."id" = "t"."positive_id"
  where "t"."terr_path" like $1
  and "t"."done_at" is null
  order by "t"."id" desc
  limit $2
  offset $3;

-- placeTasksStore.listDone
select "t"."id", "t"."place", "t"."place_node_id" as "placeNodeId", "t"."task", "p"."district_id" as "districtId", "t"."created_at" as "createdAt", "t"."done_at" as "doneAt", "t"."done_by" as "doneById", json_build_object('date', "p"."report_date", 'kind', "p"."kind", 'number', "p"."number") as "positive", count(*) over() as "total"
  from "place_tasks" as "t"
  inner join "positives" as "p" on "p"."id" = "t"."positive_id"
  where "t"."terr_path" like $1
  and "t"."done_at" is not null
  order by "t"."id" desc
  limit $2
  offset $3;

-- placeTasksStore.ofPositive
select "t"."id", "t"."place", "t"."task", "t"."done_at" as "doneAt", "t"."place_node_id" as "placeNodeId"
  from "place_tasks" as "t"
  inner join "positives" as "p" on "p"."id" = "t"."positive_id"
  where "t"."positive_id" = $1
  and "p"."terr_path" like $2
  order by "t"."place", "t"."task";

-- placeTasksStore.complete
update "place_tasks"
  set "done_at" = $1, "done_by" = $2
  where "id" = $3
  and "terr_path" like $4
  and "done_at" is null
  returning "id", "place", "task", "positive_id" as "positiveId", "place_node_id" as "placeNodeId";

-- channelsStore: the SQL of each query, from a context scoped to /1/. Generated; do not edit.

-- channelsStore.list
select "id", "name", "period", "active", "sort"
  from "detection_channels"
  where ("active" = $1
  or false)
  order by "active" desc, "period" desc, "sort", "id";

-- channelsStore.create
insert into "detection_channels" ("name", "period", "sort") select $1 as "name", $2 as "period", coalesce(max("sort"), 0) + 1 as "sort"
  from "detection_channels"
  on conflict ("name") do nothing
  returning "id", "name", "period", "active", "sort";

-- channelsStore.update
update "detection_channels"
  set "active" = $1
  where "id" = $2
  returning "id", "name", "period", "active", "sort";

-- overviewStore: the SQL of each query, from a context scoped to /1/5/. Generated; do not edit.

-- overviewStore.latestDay
select to_char(max(report_date), 'YYYY-MM-DD') as "d"
  from "positives"
  where "terr_path" like $1
  and "report_date" <= $2;

-- overviewStore.positives
select "p"."district_id" as "districtId", "p"."channel", "p"."kind" as "kind", count(*) filter(where "p"."report_date" = $1) as "onDay", count(*) filter(where not exists (select "r"."id"
  from "positives" as "r"
  where "r"."reclassified_from" = "p"."id")) as "total"
  from "positives" as "p"
  where "p"."terr_path" like $2
  and "p"."report_date" <= $3
  group by "p"."district_id", "p"."channel", "p"."kind";

-- overviewStore.contacts
select "kind", "status", count(*) as "n"
  from "contacts"
  where "terr_path" like $1
  group by "kind", "status";

-- overviewStore.placeTasks
select count(*) filter(where "done_at" is null) as "open", count(*) filter(where "done_at" is not null) as "done"
  from "place_tasks"
  where "terr_path" like $1;
