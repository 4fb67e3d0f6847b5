-- Risk-level notices (关于调整…风险等级的通告): a publication like bulletins and reminders, drafted from the risk
-- module's planned changes, reviewed by a second account, published as frozen, numbered versions. A series is
-- one notice: its day of signature, its first start time and its title (seed 004 has two notices for 南岗区 on
-- one day, from 3时 and from 13时); a correction is a new version of the same series.
CREATE TABLE risk_notices (
  id                bigserial PRIMARY KEY,
  issued_on         date NOT NULL,
  starts_at         timestamptz NOT NULL,
  title             text NOT NULL,
  version           integer,
  document          jsonb NOT NULL,
  body              text NOT NULL,
  state             text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved', 'published')),
  drafted_by        bigint REFERENCES users(id),
  drafted_at        timestamptz NOT NULL,
  submitted_at      timestamptz,
  reviewed_by       bigint REFERENCES users(id),
  reviewed_at       timestamptz,
  review_note       text,
  published_by      bigint REFERENCES users(id),
  published_at      timestamptz,
  corrects_id       bigint REFERENCES risk_notices(id),
  correction_reason text,
  UNIQUE (issued_on, starts_at, title, version),
  CONSTRAINT risk_notices_published_numbered
    CHECK (state <> 'published' OR (version IS NOT NULL AND published_at IS NOT NULL)),
  CONSTRAINT risk_notices_correction_says_why CHECK ((corrects_id IS NULL) = (correction_reason IS NULL))
);
-- The list, newest first, for publishers (every state) and readers (published only).
CREATE INDEX risk_notices_by_state ON risk_notices (state, id DESC);
CREATE INDEX risk_notices_latest ON risk_notices (published_at DESC, id DESC) WHERE state = 'published';

-- The guard of migration 0015: a draft may change or go; from submission on only the review's steps move.
CREATE TRIGGER risk_notices_frozen BEFORE UPDATE OR DELETE ON risk_notices
  FOR EACH ROW EXECUTE FUNCTION bulletins_frozen();
