-- Residents are searched by phone (only by accounts that may see phones), and every exact ID-number search of an
-- account that may not is counted against a daily budget from its audit rows: both stay index lookups.
CREATE INDEX people_phone ON people (phone) WHERE phone IS NOT NULL;
CREATE INDEX audit_log_user_action ON audit_log (user_id, action, at DESC);

-- The city is read from the root of the tree (the node without a parent), with the short name texts use (哈市).
ALTER TABLE territory_nodes ADD COLUMN short_name text;
