-- Domain events (the outbox): every fact a service emits, in the transaction that made it, numbered in commit
-- order by `seq`. The health-code projection, the command dashboard and any replica follow it by sequence.
CREATE TABLE domain_events (
  seq         bigserial PRIMARY KEY,
  type        text NOT NULL,
  payload     jsonb NOT NULL,
  user_id     bigint REFERENCES users(id),
  at          timestamptz NOT NULL
);
CREATE INDEX domain_events_type ON domain_events (type, seq);
CREATE TRIGGER domain_events_no_update BEFORE UPDATE OR DELETE ON domain_events
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER domain_events_no_truncate BEFORE TRUNCATE ON domain_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- A replay of an import is recognised by the file's hash, the ledger and the scope it was imported into.
ALTER TABLE import_batches ADD COLUMN scope_path text;
CREATE INDEX import_batches_replay ON import_batches (kind, sha256, scope_path);
