-- Review before a text goes out: a publication (bulletin, reminder, the notices to come) is drafted, submitted,
-- approved by a second account holding the publish permission, and only then published. Every row is a version
-- of its series in one of four states; the published number is given at publication, so the published
-- versions of a series count 1, 2, 3 without gaps whatever drafts were abandoned on the way. A correction names
-- the version it corrects and why. Rows published before this migration were published in one step.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['bulletins', 'reminders'] LOOP
    EXECUTE format($f$
      ALTER TABLE %1$I
        ADD COLUMN state text NOT NULL DEFAULT 'published'
          CHECK (state IN ('draft', 'submitted', 'approved', 'published')),
        ADD COLUMN drafted_by bigint REFERENCES users(id),
        ADD COLUMN drafted_at timestamptz,
        ADD COLUMN submitted_at timestamptz,
        ADD COLUMN reviewed_by bigint REFERENCES users(id),
        ADD COLUMN reviewed_at timestamptz,
        ADD COLUMN review_note text,
        ADD COLUMN corrects_id bigint REFERENCES %1$I(id),
        ADD COLUMN correction_reason text,
        ALTER COLUMN version DROP NOT NULL,
        ALTER COLUMN published_at DROP NOT NULL,
        ADD CONSTRAINT %1$s_published_numbered
          CHECK (state <> 'published' OR (version IS NOT NULL AND published_at IS NOT NULL)),
        ADD CONSTRAINT %1$s_correction_says_why CHECK ((corrects_id IS NULL) = (correction_reason IS NULL))
    $f$, t);
    -- Rows published before are frozen by the old guard: it is set aside for this one backfill.
    EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', t);
    EXECUTE format('UPDATE %I SET drafted_at = published_at', t);
    EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', t);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN state SET DEFAULT ''draft'', ALTER COLUMN drafted_at SET NOT NULL', t);
    EXECUTE format('CREATE INDEX %1$s_by_state ON %1$I (state, id DESC)', t);
  END LOOP;
END $$;

-- Versions are numbered at publication (a draft has none); the unique keys of 0002 and 0004 hold the numbers.
DROP INDEX reminders_latest;
CREATE INDEX reminders_latest ON reminders (published_at DESC, id DESC) WHERE state = 'published';

-- One guard for every publication table. A draft is the drafter's to edit or discard. From submission on, the
-- text and its document are frozen: a submitted version may only be approved or sent back to draft, an approved
-- one only published, a published one nothing at all. The columns a step moves are the only ones that may change.
CREATE OR REPLACE FUNCTION bulletins_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was text := to_jsonb(OLD) ->> 'state';
  steps text[] := ARRAY['state', 'submitted_at', 'reviewed_by', 'reviewed_at', 'review_note', 'version',
                        'published_by', 'published_at'];
BEGIN
  IF was = 'draft' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF (was, NEW.state) IN (('submitted', 'approved'), ('submitted', 'draft'), ('approved', 'published'))
       AND to_jsonb(NEW) - steps = to_jsonb(OLD) - steps THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'a % % row is frozen; draft a new version', coalesce(was, 'published'), TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
