-- One batch per ledger, file and scope: a replay is answered from the first, and two uploads of the same file
-- racing each other cannot both be written (rows from before 0007 have no scope and are left as they are).
CREATE UNIQUE INDEX import_batches_once ON import_batches (kind, sha256, scope_path) WHERE scope_path IS NOT NULL;
DROP INDEX import_batches_replay;
