-- The coverage rollup's statement triggers (0032) as one function for targets and exemptions and one for samples,
-- each with ONE upsert: the rows a statement adds count +1 and the rows it removes -1 (an update does both), so
-- the three copies of each upsert, one per operation, go. The counted column comes from the trigger's argument.

-- The rows a statement changed, as (columns…, n): +1 for each new row, -1 for each old one; `cols` names the columns.
CREATE FUNCTION coverage_rollup_delta(op text, cols text, filter text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws(' UNION ALL ',
    CASE WHEN op IN ('INSERT', 'UPDATE') THEN format('SELECT %s, 1 AS n FROM new_rows WHERE %s', cols, filter) END,
    CASE WHEN op IN ('DELETE', 'UPDATE') THEN format('SELECT %s, -1 AS n FROM old_rows WHERE %s', cols, filter) END)
$$;

-- Targets and exemptions count where their residents live, in the column TG_ARGV[0] names (target, exempt).
CREATE FUNCTION coverage_rollup_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, %1$I)
     SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n) FROM (%2$s) d
      GROUP BY 1, 2 HAVING sum(d.n) <> 0
     ON CONFLICT (round_id, terr_path, shard) DO UPDATE SET %1$I = r.%1$I + EXCLUDED.%1$I',
    TG_ARGV[0], coverage_rollup_delta(TG_OP, 'round_id, terr_path', 'true'));
  RETURN NULL;
END $$;

-- A round's samples moved or removed, set-based: sampled, resulted when the tube has a result, positive when that is.
CREATE OR REPLACE FUNCTION coverage_rollup_samples() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'INSERT INTO testing_coverage_rollup AS r (round_id, terr_path, shard, sampled, resulted, positive)
     SELECT d.round_id, coverage_key(d.terr_path), pg_backend_pid(), sum(d.n),
            coalesce(sum(d.n) FILTER (WHERE t.result IS NOT NULL), 0), coalesce(sum(d.n) FILTER (WHERE t.result = %L), 0)
       FROM (%s) d LEFT JOIN tubes t ON t.id = d.tube_id AND t.round_id = d.round_id
      GROUP BY 1, 2
     ON CONFLICT (round_id, terr_path, shard) DO UPDATE
       SET sampled = r.sampled + EXCLUDED.sampled, resulted = r.resulted + EXCLUDED.resulted,
           positive = r.positive + EXCLUDED.positive',
    'positive', coverage_rollup_delta(TG_OP, 'round_id, tube_id, terr_path', 'purpose = ''round'''));
  RETURN NULL;
END $$;

DROP TRIGGER testing_targets_rollup_insert ON testing_targets;
DROP TRIGGER testing_targets_rollup_update ON testing_targets;
DROP TRIGGER testing_targets_rollup_delete ON testing_targets;
DROP TRIGGER testing_exemptions_rollup_insert ON testing_exemptions;
DROP TRIGGER testing_exemptions_rollup_update ON testing_exemptions;
DROP TRIGGER testing_exemptions_rollup_delete ON testing_exemptions;
DROP FUNCTION coverage_rollup_targets();
DROP FUNCTION coverage_rollup_exemptions();

CREATE TRIGGER testing_targets_rollup_insert AFTER INSERT ON testing_targets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_counts('target');
CREATE TRIGGER testing_targets_rollup_update AFTER UPDATE ON testing_targets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_counts('target');
CREATE TRIGGER testing_targets_rollup_delete AFTER DELETE ON testing_targets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_counts('target');
CREATE TRIGGER testing_exemptions_rollup_insert AFTER INSERT ON testing_exemptions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_counts('exempt');
CREATE TRIGGER testing_exemptions_rollup_update AFTER UPDATE ON testing_exemptions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_counts('exempt');
CREATE TRIGGER testing_exemptions_rollup_delete AFTER DELETE ON testing_exemptions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_counts('exempt');
