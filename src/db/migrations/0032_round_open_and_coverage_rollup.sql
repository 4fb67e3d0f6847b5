-- Opening a city-wide round at the speed of the copy, and the coverage of the city, districts and streets without
-- scanning the round's millions of rows (issue 15, bench/README.md's mass testing table).

-- A round is 'opening' while its target is being copied (in chunks of residents' ids, each committed with the id it
-- reached, `copy_id`, so a restart resumes where the copy stopped), then 'open'. The console shows the copied share of
-- `target_expected` (the residents under the round's nodes when it was created, from the people module's counts).
ALTER TABLE testing_rounds
  ADD COLUMN status          text NOT NULL DEFAULT 'open' CHECK (status IN ('opening','open')),
  ADD COLUMN target_expected bigint,
  ADD COLUMN target_copied   bigint NOT NULL DEFAULT 0,
  ADD COLUMN copy_id         bigint,
  ADD COLUMN opened_at       timestamptz;
UPDATE testing_rounds r SET target_copied = (SELECT count(*) FROM testing_targets t WHERE t.round_id = r.id),
                            opened_at = r.created_at;
CREATE INDEX testing_rounds_opening ON testing_rounds (id) WHERE status = 'opening';

-- A round's target is a snapshot: the residents who lived under its nodes when it opened, copied by the round's own
-- copy from rows it read in the same statement, for a round it had just created (rounds are never deleted). Its
-- foreign keys checked three index probes per copied row (people, territory_nodes, testing_rounds), the larger part
-- of a 10M round's open, and guarded nothing the copy does not already guarantee; worse, the ones to people and
-- households would forbid the registry from ever removing a resident or a household once a round had named them,
-- while the snapshot must outlive such changes. They go.
ALTER TABLE testing_targets DROP CONSTRAINT testing_targets_person_id_fkey;
ALTER TABLE testing_targets DROP CONSTRAINT testing_targets_household_id_fkey;
ALTER TABLE testing_targets DROP CONSTRAINT testing_targets_round_id_fkey;

-- Coverage of each round per community (the path up to its fourth segment, /city/district/street/community/): target,
-- exempted, sampled, resulted and positive residents, kept by statement triggers on the rows they count, so every
-- writer (scans, result imports, the target copy, exemptions, and set-based repairs) keeps it exact in its own
-- transaction. The city, a district and a street sum a few hundred of these rows instead of grouping millions.
-- Each connection adds to its own row (`shard` = its backend pid): concurrent scan writers and imports never wait
-- on one another's community row, and no two of them can deadlock on it. Readers sum the shards.
CREATE TABLE testing_coverage_rollup (
  round_id   bigint NOT NULL,
  terr_path  text COLLATE "C" NOT NULL,
  shard      integer NOT NULL,
  target     bigint NOT NULL DEFAULT 0,
  exempt     bigint NOT NULL DEFAULT 0,
  sampled    bigint NOT NULL DEFAULT 0,
  resulted   bigint NOT NULL DEFAULT 0,
  positive   bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, terr_path, shard)
) WITH (fillfactor = 50);

-- The community a path lies in (its first four segments), or the path itself when it is shorter. split_part, not a
-- regular expression: the target copy keys every household it writes (a regex made a chunk's trigger 0.65 s of 1.5).
CREATE FUNCTION coverage_key(path text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN split_part(path, '/', 6) = '' THEN path
              ELSE left(path, length(split_part(path, '/', 2)) + length(split_part(path, '/', 3))
                              + length(split_part(path, '/', 4)) + length(split_part(path, '/', 5)) + 5) END
$$;

-- Targets and exemptions count where their residents live; a statement's rows are counted once, grouped.
CREATE FUNCTION coverage_rollup_targets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, target)
    SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n) FROM (SELECT round_id, terr_path, 1 AS n FROM new_rows) d
     GROUP BY 1, 2 HAVING sum(d.n) <> 0
    ON CONFLICT (round_id, terr_path, shard) DO UPDATE SET target = r.target + EXCLUDED.target;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, target)
    SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n) FROM (SELECT round_id, terr_path, -1 AS n FROM old_rows) d
     GROUP BY 1, 2 HAVING sum(d.n) <> 0
    ON CONFLICT (round_id, terr_path, shard) DO UPDATE SET target = r.target + EXCLUDED.target;
  ELSE
    INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, target)
    SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n) FROM (SELECT round_id, terr_path, 1 AS n FROM new_rows UNION ALL SELECT round_id, terr_path, -1 FROM old_rows) d
     GROUP BY 1, 2 HAVING sum(d.n) <> 0
    ON CONFLICT (round_id, terr_path, shard) DO UPDATE SET target = r.target + EXCLUDED.target;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION coverage_rollup_exemptions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, exempt)
    SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n) FROM (SELECT round_id, terr_path, 1 AS n FROM new_rows) d
     GROUP BY 1, 2 HAVING sum(d.n) <> 0
    ON CONFLICT (round_id, terr_path, shard) DO UPDATE SET exempt = r.exempt + EXCLUDED.exempt;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, exempt)
    SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n) FROM (SELECT round_id, terr_path, -1 AS n FROM old_rows) d
     GROUP BY 1, 2 HAVING sum(d.n) <> 0
    ON CONFLICT (round_id, terr_path, shard) DO UPDATE SET exempt = r.exempt + EXCLUDED.exempt;
  ELSE
    INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, exempt)
    SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n) FROM (SELECT round_id, terr_path, 1 AS n FROM new_rows UNION ALL SELECT round_id, terr_path, -1 FROM old_rows) d
     GROUP BY 1, 2 HAVING sum(d.n) <> 0
    ON CONFLICT (round_id, terr_path, shard) DO UPDATE SET exempt = r.exempt + EXCLUDED.exempt;
  END IF;
  RETURN NULL;
END $$;

-- A round's sample counts as sampled, as resulted when its tube has a result, as positive when that is positive
-- (samples moved or removed, set-based; the scan's insert has its row trigger below).
CREATE FUNCTION coverage_rollup_samples() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, sampled, resulted, positive)
    SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n),
           coalesce(sum(d.n) FILTER (WHERE t.result IS NOT NULL), 0), coalesce(sum(d.n) FILTER (WHERE t.result = 'positive'), 0)
      FROM (SELECT round_id, tube_id, terr_path, 1 AS n FROM new_rows WHERE purpose = 'round') d LEFT JOIN tubes t ON t.id = d.tube_id AND t.round_id = d.round_id
     GROUP BY 1, 2
    ON CONFLICT (round_id, terr_path, shard) DO UPDATE
      SET sampled = r.sampled + EXCLUDED.sampled, resulted = r.resulted + EXCLUDED.resulted,
          positive = r.positive + EXCLUDED.positive;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, sampled, resulted, positive)
    SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n),
           coalesce(sum(d.n) FILTER (WHERE t.result IS NOT NULL), 0), coalesce(sum(d.n) FILTER (WHERE t.result = 'positive'), 0)
      FROM (SELECT round_id, tube_id, terr_path, -1 AS n FROM old_rows WHERE purpose = 'round') d LEFT JOIN tubes t ON t.id = d.tube_id AND t.round_id = d.round_id
     GROUP BY 1, 2
    ON CONFLICT (round_id, terr_path, shard) DO UPDATE
      SET sampled = r.sampled + EXCLUDED.sampled, resulted = r.resulted + EXCLUDED.resulted,
          positive = r.positive + EXCLUDED.positive;
  ELSE
    INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, sampled, resulted, positive)
    SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n),
           coalesce(sum(d.n) FILTER (WHERE t.result IS NOT NULL), 0), coalesce(sum(d.n) FILTER (WHERE t.result = 'positive'), 0)
      FROM (SELECT round_id, tube_id, terr_path, 1 AS n FROM new_rows WHERE purpose = 'round' UNION ALL SELECT round_id, tube_id, terr_path, -1 FROM old_rows WHERE purpose = 'round') d LEFT JOIN tubes t ON t.id = d.tube_id AND t.round_id = d.round_id
     GROUP BY 1, 2
    ON CONFLICT (round_id, terr_path, shard) DO UPDATE
      SET sampled = r.sampled + EXCLUDED.sampled, resulted = r.resulted + EXCLUDED.resulted,
          positive = r.positive + EXCLUDED.positive;
  END IF;
  RETURN NULL;
END $$;

-- The scan path writes one sample and bumps one tube per statement: for it, row triggers that fire only where they
-- count (a round sample inserted; a tube whose result changed, never the bump of its size) instead of statement
-- triggers that would capture and join a transition table for every scan (measured: 15% fewer scans a second).
CREATE FUNCTION coverage_rollup_sample_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  SELECT t.result INTO r FROM tubes t WHERE t.id = NEW.tube_id AND t.round_id = NEW.round_id;
  INSERT INTO testing_coverage_rollup AS x (round_id, terr_path, shard, sampled, resulted, positive)
  VALUES (NEW.round_id, coverage_key(NEW.terr_path), pg_backend_pid(), 1, (r IS NOT NULL)::int, (r IS NOT DISTINCT FROM 'positive')::int)
  ON CONFLICT (round_id, terr_path, shard) DO UPDATE
    SET sampled = x.sampled + 1, resulted = x.resulted + EXCLUDED.resulted, positive = x.positive + EXCLUDED.positive;
  RETURN NULL;
END $$;

-- A tube's result changing moves its round samples in or out of resulted and positive.
CREATE FUNCTION coverage_rollup_tube_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO testing_coverage_rollup AS x (round_id, terr_path, shard, resulted, positive)
  SELECT s.round_id, coverage_key(s.terr_path), pg_backend_pid(),
         count(*) * ((NEW.result IS NOT NULL)::int - (OLD.result IS NOT NULL)::int),
         count(*) * ((NEW.result IS NOT DISTINCT FROM 'positive')::int - (OLD.result IS NOT DISTINCT FROM 'positive')::int)
    FROM samples s WHERE s.tube_id = NEW.id AND s.round_id = NEW.round_id AND s.purpose = 'round'
   GROUP BY 1, 2
  ON CONFLICT (round_id, terr_path, shard) DO UPDATE
    SET resulted = x.resulted + EXCLUDED.resulted, positive = x.positive + EXCLUDED.positive;
  RETURN NULL;
END $$;

CREATE TRIGGER testing_targets_rollup_insert AFTER INSERT ON testing_targets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_targets();
CREATE TRIGGER testing_targets_rollup_update AFTER UPDATE ON testing_targets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_targets();
CREATE TRIGGER testing_targets_rollup_delete AFTER DELETE ON testing_targets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_targets();
CREATE TRIGGER testing_exemptions_rollup_insert AFTER INSERT ON testing_exemptions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_exemptions();
CREATE TRIGGER testing_exemptions_rollup_update AFTER UPDATE ON testing_exemptions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_exemptions();
CREATE TRIGGER testing_exemptions_rollup_delete AFTER DELETE ON testing_exemptions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_exemptions();
CREATE TRIGGER samples_rollup_insert AFTER INSERT ON samples
  FOR EACH ROW WHEN (NEW.purpose = 'round') EXECUTE FUNCTION coverage_rollup_sample_row();
CREATE TRIGGER samples_rollup_update AFTER UPDATE ON samples
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_samples();
CREATE TRIGGER samples_rollup_delete AFTER DELETE ON samples REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_samples();
CREATE TRIGGER tubes_rollup_update AFTER UPDATE OF result ON tubes
  FOR EACH ROW WHEN (OLD.result IS DISTINCT FROM NEW.result) EXECUTE FUNCTION coverage_rollup_tube_row();

-- The rounds of an existing database, counted once.
INSERT INTO testing_coverage_rollup (round_id, terr_path, shard, target, exempt, sampled, resulted, positive)
SELECT round_id, k, 0, sum(tg), sum(ex), sum(sa), sum(re), sum(po) FROM (
    SELECT round_id, coverage_key(terr_path) AS k, count(*) AS tg, 0 AS ex, 0 AS sa, 0 AS re, 0 AS po
      FROM testing_targets GROUP BY 1, 2
    UNION ALL SELECT round_id, coverage_key(terr_path), 0, count(*), 0, 0, 0 FROM testing_exemptions GROUP BY 1, 2
    UNION ALL SELECT s.round_id, coverage_key(s.terr_path), 0, 0, count(*), count(t.result),
                     count(*) FILTER (WHERE t.result = 'positive')
      FROM samples s LEFT JOIN tubes t ON t.id = s.tube_id AND t.round_id = s.round_id
     WHERE s.purpose = 'round' GROUP BY 1, 2
  ) x GROUP BY 1, 2;
