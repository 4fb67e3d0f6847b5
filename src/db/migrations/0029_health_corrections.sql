-- The health-code administrators' corrections (health_corrections, migration 0028): the database itself makes a
-- change to red, or of more than ten people, impossible for one person alone. The CHECK of 0028 already refuses a
-- decider who is the requester; the guard below refuses applying such a correction without a decider, and
-- freezes a decided correction (applied or rejected rows never change, and no correction is ever deleted: the
-- before and after stay as they were decided). A correction in force (health_overrides) must name an applied
-- correction of its person, with that correction's colour, so no colour can be forced by writing an override.

CREATE OR REPLACE FUNCTION health_corrections_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  decision text[] := ARRAY['status', 'decided_by', 'decided_at', 'decision_note'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a health-code correction is never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.status <> 'pending' THEN
      RAISE EXCEPTION 'a decided health-code correction (%) is frozen', OLD.status USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF to_jsonb(NEW) - decision <> to_jsonb(OLD) - decision THEN
      RAISE EXCEPTION 'only the decision of a pending correction may change' USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  IF NEW.status = 'applied' AND NEW.decided_by IS NULL AND (NEW.colour = 'red' OR cardinality(NEW.person_ids) > 10) THEN
    RAISE EXCEPTION 'a correction to red or of more than ten people takes effect only when a second person approves it'
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'rejected' AND NEW.decided_by IS NULL THEN
    RAISE EXCEPTION 'a correction is rejected by a second person' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER health_corrections_guard BEFORE INSERT OR UPDATE OR DELETE ON health_corrections
  FOR EACH ROW EXECUTE FUNCTION health_corrections_guard();

-- Checked per statement over the rows written (a correction of 10,000 people writes 10,000 overrides in one
-- statement): one join of the written rows to their corrections' people, not an array search per row.
CREATE OR REPLACE FUNCTION health_overrides_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM written w
     WHERE NOT EXISTS (
       SELECT 1 FROM (SELECT c.id, c.colour, unnest(c.person_ids) AS person_id FROM health_corrections c
                       WHERE c.status = 'applied' AND c.id IN (SELECT DISTINCT correction_id FROM written)) x
        WHERE x.id = w.correction_id AND x.person_id = w.person_id AND x.colour = w.colour)) THEN
    RAISE EXCEPTION 'an override must name an applied correction of its person with its colour'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER health_overrides_inserted AFTER INSERT ON health_overrides
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION health_overrides_guard();
CREATE TRIGGER health_overrides_updated AFTER UPDATE ON health_overrides
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION health_overrides_guard();

-- The corrections list pages newest first within a scope, and the CDC's pending list the same way.
CREATE INDEX health_corrections_scope_pending ON health_corrections (terr_path, id) WHERE status = 'pending';
