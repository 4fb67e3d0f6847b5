-- A resident's key group (重点人群类别, people/rules.ts KEY_GROUPS), one at most: mass testing samples them one to a
-- tube (testing/modes.ts). Nullable with no default, so adding it rewrites nothing at ten million residents.
-- The CHECK is added NOT VALID: every existing row is NULL and so satisfies it, and validating would scan the
-- whole table under the ACCESS EXCLUSIVE lock of ADD COLUMN (about 0.1 s per million rows measured); it is
-- enforced on every write from here on all the same. No index: nothing lists or counts residents by key group;
-- the sampler reads it with the resident it looks up by ID number or id.
ALTER TABLE people ADD COLUMN key_group text,
  ADD CONSTRAINT people_key_group_check CHECK (key_group IN ('medical','quarantine_site','cold_chain','port','transport',
                                                            'delivery','market')) NOT VALID;

-- The sampler's set of contacts under centralized quarantine (集中隔离), and the door-to-door tasks' of those at
-- home, read city-wide in ID-number order a page at a time (contactsStore.controlledIdNumbers): an ordered
-- index-only scan of one range each, stopping at the page's end, however many contacts were traced. The scope's
-- path is INCLUDEd so its LIKE needs no heap fetch. contacts_natural orders by ID number too but holds every
-- contact, so a page would walk past all the pending, released and other-measure ones. Partial: only controlled
-- contacts with an ID number. (Measured on 400,000 contacts with 20,000 centralized: a page of 10,000 in 4 ms,
-- no sort; without the INCLUDE, a bitmap scan and a sort of all 20,000 in 30 ms.)
CREATE INDEX contacts_controlled_id ON contacts (control_measure, id_number) INCLUDE (terr_path)
  WHERE status = 'controlled' AND id_number IS NOT NULL;
