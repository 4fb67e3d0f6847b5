-- Subtree counts of the city, its districts and their streets, kept as they change.
-- Counting a district of a ten-million city from `people` reads a million index entries (seconds); these
-- levels are summed from this table instead. Each writing statement on `people` or on households appends one
-- delta row per touched ancestor (no row is updated, so concurrent imports never wait on the city's counter),
-- and `compact_territory_rollup()` folds the deltas of each node into one row from time to time.
-- Communities and below are counted live: their subtrees are small enough for an index range scan.
CREATE TABLE territory_rollup (
  node_id     bigint NOT NULL,
  households  bigint NOT NULL DEFAULT 0,
  residents   bigint NOT NULL DEFAULT 0,
  vulnerable  bigint NOT NULL DEFAULT 0
);
CREATE INDEX territory_rollup_node ON territory_rollup (node_id);

-- The ids of the city, district and street above a path '/1/5/23/…/'.
CREATE FUNCTION rollup_ancestors(path text) RETURNS SETOF bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT unnest((string_to_array(btrim(path, '/'), '/'))[1:3])::bigint
$$;

CREATE FUNCTION rollup_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO territory_rollup (node_id, residents, vulnerable)
    SELECT a, count(*), count(*) FILTER (WHERE tags <> '{}') FROM new_rows, rollup_ancestors(terr_path) a GROUP BY a;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO territory_rollup (node_id, residents, vulnerable)
    SELECT a, -count(*), -count(*) FILTER (WHERE tags <> '{}') FROM old_rows, rollup_ancestors(terr_path) a GROUP BY a;
  ELSE
    INSERT INTO territory_rollup (node_id, residents, vulnerable)
    SELECT a, sum(d.n), sum(d.v) FROM (
        SELECT terr_path, 1 AS n, (tags <> '{}')::int AS v FROM new_rows
        UNION ALL SELECT terr_path, -1, -(tags <> '{}')::int FROM old_rows
      ) d, rollup_ancestors(d.terr_path) a
    GROUP BY a HAVING sum(d.n) <> 0 OR sum(d.v) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_households() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO territory_rollup (node_id, households)
    SELECT a, count(*) FROM new_rows, rollup_ancestors(path) a WHERE type = 'household' GROUP BY a;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO territory_rollup (node_id, households)
    SELECT a, -count(*) FROM old_rows, rollup_ancestors(path) a WHERE type = 'household' GROUP BY a;
  ELSE
    INSERT INTO territory_rollup (node_id, households)
    SELECT a, sum(d.n) FROM (
        SELECT path, 1 AS n FROM new_rows WHERE type = 'household'
        UNION ALL SELECT path, -1 FROM old_rows WHERE type = 'household'
      ) d, rollup_ancestors(d.path) a
    GROUP BY a HAVING sum(d.n) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER people_rollup_insert AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_people();
CREATE TRIGGER people_rollup_update AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_people();
CREATE TRIGGER people_rollup_delete AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_people();
CREATE TRIGGER households_rollup_insert AFTER INSERT ON territory_nodes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_households();
CREATE TRIGGER households_rollup_update AFTER UPDATE ON territory_nodes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_households();
CREATE TRIGGER households_rollup_delete AFTER DELETE ON territory_nodes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_households();

-- Folds the deltas of each node into one row. One statement: concurrent writers' new deltas are not in its
-- snapshot and survive; a concurrent compaction skips the rows this one already deleted.
CREATE FUNCTION compact_territory_rollup() RETURNS void LANGUAGE sql AS $$
  WITH gone AS (DELETE FROM territory_rollup RETURNING *)
  INSERT INTO territory_rollup (node_id, households, residents, vulnerable)
  SELECT node_id, sum(households), sum(residents), sum(vulnerable) FROM gone GROUP BY node_id
$$;

-- Recounts the whole rollup from the tables (after a bulk load that bypassed the triggers). Run it in a
-- REPEATABLE READ transaction so the deletion and the recount see the same rows.
CREATE FUNCTION rebuild_territory_rollup() RETURNS void LANGUAGE sql AS $$
  DELETE FROM territory_rollup;
  INSERT INTO territory_rollup (node_id, households, residents, vulnerable)
  SELECT a, sum(h), sum(r), sum(v) FROM (
      SELECT split_part(path, '/', 4) AS street, count(*) AS h, 0 AS r, 0 AS v
        FROM territory_nodes WHERE type = 'household' GROUP BY 1
      UNION ALL
      SELECT split_part(terr_path, '/', 4), 0, count(*), count(*) FILTER (WHERE tags <> '{}') FROM people GROUP BY 1
    ) s, rollup_ancestors((SELECT path FROM territory_nodes WHERE id = s.street::bigint)) a
  GROUP BY a
$$;

-- Databases migrated with residents already in them start with their counts.
SELECT rebuild_territory_rollup();
