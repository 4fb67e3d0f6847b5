-- Terminal disinfection and closure (终末消毒, 封闭管理) are done by the place's district, street and community,
-- not only by the CDC: each task now carries the place it is about (when the stop names a territory place) and
-- a scope path (the place's, else the case's district), so those accounts see and close their own tasks.
ALTER TABLE place_tasks
  ADD COLUMN place_node_id bigint REFERENCES territory_nodes(id),
  ADD COLUMN terr_path     text COLLATE "C",
  ADD COLUMN created_at    timestamptz,
  ADD COLUMN done_by       bigint REFERENCES users(id);
UPDATE place_tasks t SET terr_path = d.path, created_at = p.created_at
  FROM positives p JOIN territory_nodes d ON d.id = p.district_id WHERE p.id = t.positive_id;
ALTER TABLE place_tasks ALTER COLUMN terr_path SET NOT NULL, ALTER COLUMN created_at SET NOT NULL;
-- A scope's list, open tasks first: one index range either way.
CREATE INDEX place_tasks_scope ON place_tasks (terr_path, id);
CREATE INDEX place_tasks_open ON place_tasks (terr_path, id) WHERE done_at IS NULL;
