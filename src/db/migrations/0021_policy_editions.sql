-- Policy editions (防控方案版本) as data: each edition's figures (quarantine terms, test days, lowering steps,
-- health-code rules, leaving-city rules) in `data`, validated by the policy service against its zod schema
-- (src/modules/policy/edition.ts) before every write. The edition in force at a moment is the one with the
-- latest effective_from at or before it, so "which edition did a decision of 2022-11-03 follow" is one index
-- read. City-wide: the whole city follows one edition at a time (no terr_path). The four shipped editions are
-- inserted at start by the policy module (ensureEditions), from src/modules/policy/editions/*.json.
CREATE TABLE policy_editions (
  id              bigserial PRIMARY KEY,
  code            text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{1,40}$'),
  name            text NOT NULL,
  effective_from  timestamptz NOT NULL UNIQUE,
  data            jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  source          text NOT NULL,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
