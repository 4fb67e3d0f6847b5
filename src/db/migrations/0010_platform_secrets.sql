-- Secrets the platform keeps for itself, made once per database from PostgreSQL's strong random source
-- (gen_random_uuid). `audit_key` keys the hashes of identifying values written to the audit log (an ID number
-- searched for), so the log can say "the same number again" without a brute-forcible plain SHA-256.
CREATE TABLE platform_secrets (
  name   text PRIMARY KEY,
  value  text NOT NULL
);
INSERT INTO platform_secrets (name, value)
VALUES ('audit_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
