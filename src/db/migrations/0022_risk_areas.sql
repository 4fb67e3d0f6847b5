-- Risk areas (风险区域) and control zones (封控/管控/防范): areas drawn on the territory as notices describe them,
-- what each resolves to (node paths in and out, for set-based membership), and the history of their level and zone.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- An area as a notice says it (`spec`, an AreaSpec of src/modules/risk/area-spec.ts), filed under its district
-- (`terr_path`: a district account sees its district's areas), with the label notices print.
CREATE TABLE risk_areas (
  id           bigserial PRIMARY KEY,
  node_id      bigint NOT NULL REFERENCES territory_nodes(id),
  node_type    text NOT NULL,
  district_id  bigint NOT NULL REFERENCES territory_nodes(id),
  terr_path    text COLLATE "C" NOT NULL,
  spec         jsonb NOT NULL,
  label        text NOT NULL,
  created_by   bigint REFERENCES users(id),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX risk_areas_scope ON risk_areas (terr_path, id);

-- What an area's spec resolves to, at write time: the subtrees inside (`included`) and the exceptions. A resident
-- is inside when their household's path lies under an included path and under no excluded one of the same area.
-- `path` is indexed for "which areas hold this node": the node's path prefixes are looked up by equality.
CREATE TABLE risk_area_nodes (
  area_id   bigint NOT NULL REFERENCES risk_areas(id) ON DELETE CASCADE,
  path      text COLLATE "C" NOT NULL,
  included  boolean NOT NULL,
  PRIMARY KEY (area_id, path)
);
CREATE INDEX risk_area_nodes_path ON risk_area_nodes (path, area_id);

-- The history of an area's level and zone: each row holds from its exact start (自2022年11月2日3时起) until the
-- next change. A change is planned first and takes effect only once published (by a notice, or by the city HQ
-- directly): nothing changes level silently. Published periods of one area never overlap (the exclusion).
CREATE TABLE risk_area_levels (
  id            bigserial PRIMARY KEY,
  area_id       bigint NOT NULL REFERENCES risk_areas(id),
  terr_path     text COLLATE "C" NOT NULL,
  level         text NOT NULL CHECK (level IN ('high','medium','low')),
  zone          text NOT NULL CHECK (zone IN ('sealed','controlled','precaution','none')),
  valid         tstzrange NOT NULL CHECK (NOT isempty(valid) AND NOT lower_inf(valid)),
  status        text NOT NULL CHECK (status IN ('planned','published')),
  set_by        bigint REFERENCES users(id),
  planned_at    timestamptz NOT NULL,
  published_at  timestamptz,
  published_by  bigint REFERENCES users(id),
  notice_id     bigint,
  CHECK ((status = 'published') = (published_at IS NOT NULL)),
  CONSTRAINT risk_area_levels_no_overlap EXCLUDE USING gist (area_id WITH =, valid WITH &&) WHERE (status = 'published')
);
-- The areas in force at an instant (the public page, the zone counts: `valid @> now`); the planned changes, by scope.
CREATE INDEX risk_area_levels_at ON risk_area_levels USING gist (valid) WHERE status = 'published';
CREATE INDEX risk_area_levels_planned ON risk_area_levels (terr_path, id) WHERE status = 'planned';
-- "Was node X high-risk at T" reads the areas holding X (risk_area_nodes_path), then their period at T through
-- the exclusion constraint's GiST index on (area_id, valid).

-- Testing rounds of everyone inside an area, as facts (all negative or not): entered by the city HQ or the
-- district until mass testing feeds them. A round is recorded once per area and time (a replay changes nothing).
CREATE TABLE risk_area_rounds (
  area_id       bigint NOT NULL REFERENCES risk_areas(id),
  held_at       timestamptz NOT NULL,
  terr_path     text COLLATE "C" NOT NULL,
  all_negative  boolean NOT NULL,
  recorded_by   bigint REFERENCES users(id),
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (area_id, held_at)
);
