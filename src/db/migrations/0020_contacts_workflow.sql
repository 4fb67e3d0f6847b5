-- Contacts as the field works them: 待排查 (pending: traced, not yet reached) → 已排查 (located: reached and
-- assessed) → 已管控 (controlled: 集中隔离, 居家隔离 or 居家健康监测) → 已解除 (released). The old 已检测 (tested)
-- was a test taken during control, not a stage of its own: it becomes 已管控. New contacts start as 待排查.
ALTER TABLE contacts DROP CONSTRAINT contacts_status_check;
UPDATE contacts SET status = 'controlled' WHERE status = 'tested';
ALTER TABLE contacts ALTER COLUMN status SET DEFAULT 'pending';
ALTER TABLE contacts ADD CONSTRAINT contacts_status_check CHECK (status IN ('pending','located','controlled','released'));
-- How a controlled contact is controlled (POLICY.md: centralized quarantine, home isolation, home health
-- monitoring); unknown for the contacts controlled before it was recorded.
ALTER TABLE contacts ADD COLUMN control_measure text;
ALTER TABLE contacts ADD CONSTRAINT contacts_control_measure_check
  CHECK (control_measure IS NULL OR (control_measure IN ('centralized','home','home_monitoring') AND status = 'controlled'));

-- One person is one contact per source (a case or a close contact): by ID number, or, without one (foreigners,
-- children, not known yet), by name and phone. Existing duplicates are merged first, deterministically: the
-- lowest id is kept, with the most advanced status of the group; the others' own contacts move to it (which may
-- make them duplicates in turn, hence the loop until none is left).
DROP INDEX contacts_natural;
DO $$
DECLARE merged bigint;
BEGIN
  LOOP
    CREATE TEMP TABLE dup ON COMMIT DROP AS
      SELECT id, min(id) OVER g AS keeper,
             (array_agg(status) OVER (g ORDER BY array_position(ARRAY['pending','located','released','controlled'], status) DESC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))[1] AS status
        FROM contacts
      WINDOW g AS (PARTITION BY coalesce(source_positive_id, 0), coalesce(source_contact_id, 0), id_number,
                                CASE WHEN id_number IS NULL THEN name END,
                                CASE WHEN id_number IS NULL THEN coalesce(phone, '') END);
    DELETE FROM dup WHERE keeper IN (SELECT keeper FROM dup GROUP BY keeper HAVING count(*) = 1);
    SELECT count(*) INTO merged FROM dup WHERE id <> keeper;
    IF merged = 0 THEN DROP TABLE dup; EXIT; END IF;
    UPDATE contacts c SET status = d.status, control_measure = CASE WHEN d.status = 'controlled' THEN c.control_measure END
      FROM dup d WHERE c.id = d.id AND d.id = d.keeper;
    UPDATE contacts c SET source_contact_id = d.keeper FROM dup d WHERE c.source_contact_id = d.id AND d.id <> d.keeper;
    DELETE FROM contacts c USING dup d WHERE c.id = d.id AND d.id <> d.keeper;
    DROP TABLE dup;
  END LOOP;
END $$;
CREATE UNIQUE INDEX contacts_natural ON contacts (id_number, coalesce(source_positive_id, 0), coalesce(source_contact_id, 0))
  WHERE id_number IS NOT NULL;
CREATE UNIQUE INDEX contacts_unnamed ON contacts (coalesce(source_positive_id, 0), coalesce(source_contact_id, 0), name, coalesce(phone, ''))
  WHERE id_number IS NULL;

-- The list is filtered by status within the scope, counted per status, and searched by exact phone.
CREATE INDEX contacts_scope_status ON contacts (terr_path, status);
CREATE INDEX contacts_phone ON contacts (phone) WHERE phone IS NOT NULL;
