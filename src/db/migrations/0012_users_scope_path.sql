-- An account's scope path, copied from its scope node as people.terr_path is, so the auth module ANDs the scope
-- into its statements on users, sessions and api_tokens without reading territory_nodes (the territory module's
-- table). A trigger keeps it: every writer of users gets the path of the node it names.
ALTER TABLE users ADD COLUMN scope_path text COLLATE "C";
UPDATE users u SET scope_path = n.path FROM territory_nodes n WHERE n.id = u.scope_node_id;
ALTER TABLE users ALTER COLUMN scope_path SET NOT NULL;
CREATE INDEX users_scope_path ON users (scope_path, id);

CREATE FUNCTION users_scope_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.scope_path := (SELECT path FROM territory_nodes WHERE id = NEW.scope_node_id);
  RETURN NEW;
END $$;
CREATE TRIGGER users_scope_path BEFORE INSERT OR UPDATE OF scope_node_id, scope_path ON users
  FOR EACH ROW EXECUTE FUNCTION users_scope_path();
