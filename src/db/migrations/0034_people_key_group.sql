-- A resident's key group (重点人群类别, people/rules.ts KEY_GROUPS), one at most: mass testing samples them one to a
-- tube (testing/modes.ts). Nullable with no default, so adding it rewrites nothing at ten million residents.
-- The CHECK is added NOT VALID: every existing row is NULL and so satisfies it, and validating would scan the
-- whole table under the ACCESS EXCLUSIVE lock of ADD COLUMN (about 0.1 s per million rows measured); it is
-- enforced on every write from here on all the same. No index: nothing lists or counts residents by key group;
-- the sampler reads it with the resident it looks up by ID number or id.
ALTER TABLE people ADD COLUMN key_group text,
  ADD CONSTRAINT people_key_group_check CHECK (key_group IN ('medical','quarantine_site','cold_chain','port','transport',
                                                            'delivery','market')) NOT VALID;

