-- The sampler's scans: a retest tube takes only a person with an open retest task of the round, looked up by
-- person on every scan into such a tube (retest_tasks has no index by person).
CREATE INDEX retest_tasks_person_open ON retest_tasks (round_id, person_id) WHERE status = 'open';

-- A sample's place in its tube (the tube's size just after it, 7 of 10): a scan sent again answers what it
-- answered the first time.
ALTER TABLE samples ADD COLUMN seq smallint;
