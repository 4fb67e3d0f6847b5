-- Failed logins by the name typed (a keyed hash of it, never the name: a password typed into the name field must
-- not be kept), for known and unknown names alike, so the throttle answers the same whether the account exists,
-- is disabled or is locked. Replaces the per-account counter on users.
CREATE TABLE login_failures (
  name_hash  text NOT NULL,
  at         timestamptz NOT NULL
);
CREATE INDEX login_failures_recent ON login_failures (name_hash, at);
ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;
