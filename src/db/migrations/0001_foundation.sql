-- Foundation: territory tree, residents, accounts, sessions, device tokens, audit log.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The territory: 市 → 区/县 → 街道/乡镇 → 社区/村屯 → 小区 → 楼栋 → 单元 → 户, and places (场所) at any level.
-- `path` holds the ids of the node and its ancestors ('/1/5/23/'); with the C collation a subtree is one
-- index range scan (`path LIKE '/1/5/%'`), never a walk in application code.
CREATE TABLE territory_nodes (
  id          bigserial PRIMARY KEY,
  parent_id   bigint REFERENCES territory_nodes(id),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  type        text NOT NULL CHECK (type IN ('city','district','county','county_city','street','town',
                'community','village','compound','building','unit','household','place')),
  depth       smallint NOT NULL,
  path        text COLLATE "C" NOT NULL UNIQUE,
  place_kind  text CHECK (place_kind IN ('shop','bank','restaurant','bus_line','school','hotel','market','other')),
  floors      smallint,
  phone       text,
  address     text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX territory_nodes_sibling_name ON territory_nodes (parent_id, type, name);
CREATE INDEX territory_nodes_name_trgm ON territory_nodes USING gin (name gin_trgm_ops);
CREATE INDEX territory_nodes_households ON territory_nodes (path) WHERE type = 'household';

-- Residents. `terr_path` is the path of the household, copied on write so scope filters and subtree
-- counts are one range scan on an index.
CREATE TABLE people (
  id                  bigserial PRIMARY KEY,
  id_number           char(18) NOT NULL UNIQUE,
  name                text NOT NULL,
  sex                 char(1) NOT NULL CHECK (sex IN ('M','F')),
  birth_date          date NOT NULL,
  phone               text,
  household_id        bigint NOT NULL REFERENCES territory_nodes(id),
  terr_path           text COLLATE "C" NOT NULL,
  actual_address      text,
  registered_address  text,
  tags                text[] NOT NULL DEFAULT '{}',
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
) WITH (fillfactor = 80);
CREATE INDEX people_terr_path ON people (terr_path, id);
CREATE INDEX people_vulnerable ON people (terr_path) WHERE tags <> '{}';
CREATE INDEX people_name ON people (name text_pattern_ops);
CREATE INDEX people_household ON people (household_id);

-- Accounts: one role and one territory node as scope.
CREATE TABLE users (
  id             bigserial PRIMARY KEY,
  username       text NOT NULL UNIQUE,
  display_name   text NOT NULL,
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('city_hq','cdc','district','street','community','sampler','lab',
                   'quarantine_site','supplier','hotline','inspector','volunteer','admin')),
  scope_node_id  bigint NOT NULL REFERENCES territory_nodes(id),
  disabled       boolean NOT NULL DEFAULT false,
  failed_logins  integer NOT NULL DEFAULT 0,
  locked_until   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Sessions are stored by the SHA-256 of the cookie token; the cookie alone is useless against a stolen table.
CREATE TABLE sessions (
  id            text PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users(id),
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  ended_at      timestamptz,
  ip            text
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE ended_at IS NULL;

-- Device tokens (scanners, lab systems) act as their owning account.
CREATE TABLE api_tokens (
  id            bigserial PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users(id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  last_used_at  timestamptz
);

-- The audit log is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  user_id     bigint REFERENCES users(id),
  username    text NOT NULL,
  role        text,
  ip          text,
  action      text NOT NULL,
  person_id   bigint,
  target      text,
  detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_person ON audit_log (person_id, at DESC) WHERE person_id IS NOT NULL;
CREATE INDEX audit_log_user ON audit_log (user_id, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Every bulk import, by the SHA-256 of its file: a replay is recognised and reported.
CREATE TABLE import_batches (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL,
  sha256      text NOT NULL,
  user_id     bigint REFERENCES users(id),
  rows        integer NOT NULL,
  inserted    integer NOT NULL,
  updated     integer NOT NULL,
  at          timestamptz NOT NULL
);
