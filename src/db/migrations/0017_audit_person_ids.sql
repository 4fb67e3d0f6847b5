-- A read of a page of residents (or an import) is audited as ONE row naming every resident it released, not one
-- row per resident: a list page under people.reveal wrote 20 rows and their index entries per request. A row
-- about one person keeps `person_id`; a row about several names them in `person_ids`, found by the GIN index
-- (its pending list makes the insert of an array one cheap append).
ALTER TABLE audit_log ADD COLUMN person_ids bigint[];
CREATE INDEX audit_log_person_ids ON audit_log USING gin (person_ids) WHERE person_ids IS NOT NULL;
