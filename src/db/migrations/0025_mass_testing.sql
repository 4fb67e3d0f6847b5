-- Mass testing (全员核酸检测): rounds over parts of the territory, sampling points and the time slots communities
-- announce, pooled tubes and the people sampled into them, handovers to labs, results, single-tube retests of
-- positive pools, door-to-door tasks, exemptions, and the people who missed a round (a fact for the health code).
-- Every table carries `terr_path` (the territory path its rows are scoped by) so a store can AND the caller's scope.

-- The planner's figures, set by the city HQ (one row; the defaults live in the testing module's rules).
CREATE TABLE testing_planner (
  id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  figures     jsonb NOT NULL,
  updated_by  bigint REFERENCES users(id),
  updated_at  timestamptz NOT NULL
);

-- A round (第N轮) over some subtrees of the territory (the city, districts, streets, areas), from `starts_at`. It is
-- filed at the lowest node holding all its parts (`terr_path`): a district's round is its district's.
CREATE TABLE testing_rounds (
  id            bigserial PRIMARY KEY,
  number        integer NOT NULL CHECK (number > 0),
  name          text NOT NULL,
  terr_path     text COLLATE "C" NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  closed_at     timestamptz,
  default_mode  text NOT NULL CHECK (default_mode IN ('pool10','pool5','pool20','single')),
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  UNIQUE (terr_path, number)
);
CREATE INDEX testing_rounds_scope ON testing_rounds (terr_path, id);

-- The subtrees a round covers: its target population is the residents living under them (minus exemptions).
CREATE TABLE testing_round_nodes (
  round_id  bigint NOT NULL REFERENCES testing_rounds(id) ON DELETE CASCADE,
  node_id   bigint NOT NULL REFERENCES territory_nodes(id),
  path      text COLLATE "C" NOT NULL,
  PRIMARY KEY (round_id, path)
);
CREATE INDEX testing_round_nodes_path ON testing_round_nodes (path);

-- A resident left out of a round's target with a reason (在外地, 住院, 婴儿, …).
CREATE TABLE testing_exemptions (
  round_id    bigint NOT NULL REFERENCES testing_rounds(id),
  person_id   bigint NOT NULL REFERENCES people(id),
  terr_path   text COLLATE "C" NOT NULL,
  reason      text NOT NULL CHECK (reason IN ('away','hospital','infant','quarantine_site','deceased','other')),
  note        text,
  created_by  bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (round_id, person_id)
);
CREATE INDEX testing_exemptions_path ON testing_exemptions (round_id, terr_path);

-- A sampling point (采样点): where it stands (a community or compound node), its hours and its sampler posts.
CREATE TABLE sampling_points (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL,
  node_id     bigint NOT NULL REFERENCES territory_nodes(id),
  terr_path   text COLLATE "C" NOT NULL,
  address     text,
  opens_at    time NOT NULL,
  closes_at   time NOT NULL,
  posts       integer NOT NULL CHECK (posts > 0),
  active      boolean NOT NULL DEFAULT true,
  created_by  bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL
);
CREATE INDEX sampling_points_scope ON sampling_points (terr_path, id);

-- The communities a point serves.
CREATE TABLE sampling_point_communities (
  point_id        bigint NOT NULL REFERENCES sampling_points(id) ON DELETE CASCADE,
  community_id    bigint NOT NULL REFERENCES territory_nodes(id),
  terr_path       text COLLATE "C" NOT NULL,
  PRIMARY KEY (point_id, community_id)
);
CREATE INDEX sampling_point_communities_path ON sampling_point_communities (terr_path);

-- The time slot a community announces for a round at a point (错峰采样: 1-5栋 8:00-10:00).
CREATE TABLE sampling_slots (
  id            bigserial PRIMARY KEY,
  round_id      bigint NOT NULL REFERENCES testing_rounds(id),
  point_id      bigint NOT NULL REFERENCES sampling_points(id),
  community_id  bigint NOT NULL REFERENCES territory_nodes(id),
  terr_path     text COLLATE "C" NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  note          text,
  CHECK (ends_at > starts_at),
  UNIQUE (round_id, point_id, community_id, starts_at)
);
CREATE INDEX sampling_slots_round ON sampling_slots (round_id, terr_path);

-- Handovers of tubes to a lab (交接单): counted by the sender and again by the lab.
CREATE TABLE testing_handovers (
  id              bigserial PRIMARY KEY,
  round_id        bigint NOT NULL REFERENCES testing_rounds(id),
  point_id        bigint REFERENCES sampling_points(id),
  terr_path       text COLLATE "C" NOT NULL,
  lab             text NOT NULL,
  tubes_sent      integer NOT NULL CHECK (tubes_sent >= 0),
  sent_by         bigint REFERENCES users(id),
  sent_at         timestamptz NOT NULL,
  tubes_received  integer CHECK (tubes_received >= 0),
  received_by     bigint REFERENCES users(id),
  received_at     timestamptz,
  note            text
);
CREATE INDEX testing_handovers_round ON testing_handovers (round_id, id);

-- A tube (采样管) by its barcode: opened by a sampler at a point (or door to door), its pooling mode and capacity,
-- closed at capacity or by hand, handed to a lab, and its result. `terr_path` is where it was opened (the
-- point's node, or the household's for a door-to-door tube): a point's staff see their tubes.
CREATE TABLE tubes (
  id           bigserial PRIMARY KEY,
  barcode      text NOT NULL UNIQUE,
  round_id     bigint NOT NULL REFERENCES testing_rounds(id),
  point_id     bigint REFERENCES sampling_points(id),
  purpose      text NOT NULL CHECK (purpose IN ('round','retest')),
  mode         text NOT NULL CHECK (mode IN ('pool10','pool5','pool20','single','household')),
  capacity     smallint NOT NULL CHECK (capacity > 0),
  size         smallint NOT NULL DEFAULT 0 CHECK (size >= 0 AND size <= capacity),
  terr_path    text COLLATE "C" NOT NULL,
  opened_scan  uuid NOT NULL UNIQUE,
  opened_by    bigint REFERENCES users(id),
  opened_at    timestamptz NOT NULL,
  closed_at    timestamptz,
  handover_id  bigint REFERENCES testing_handovers(id),
  result       text CHECK (result IN ('negative','positive','invalid')),
  ct           jsonb,
  lab          text,
  result_at    timestamptz,
  result_batch bigint
);
CREATE INDEX tubes_round ON tubes (round_id, id);
CREATE INDEX tubes_scope ON tubes (terr_path, id);
-- Tubes still waiting for a result, and the positive ones, per round: the lists a pool never leaves unresolved.
CREATE INDEX tubes_pending ON tubes (round_id, id) WHERE result IS NULL;
CREATE INDEX tubes_positive ON tubes (round_id, id) WHERE result = 'positive';

-- A person sampled into a tube. `scan_id` is the sampler's own id for the scan: a scan sent twice (a dropped
-- connection) is stored once. A person is sampled once a round (`samples_once`); a retest adds its own sample.
-- `terr_path` is the person's household path: coverage counts and missing lists read it.
CREATE TABLE samples (
  scan_id     uuid PRIMARY KEY,
  round_id    bigint NOT NULL REFERENCES testing_rounds(id),
  tube_id     bigint NOT NULL REFERENCES tubes(id),
  person_id   bigint NOT NULL REFERENCES people(id),
  purpose     text NOT NULL CHECK (purpose IN ('round','retest')),
  terr_path   text COLLATE "C" NOT NULL,
  sampler_id  bigint REFERENCES users(id),
  sampled_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX samples_once ON samples (round_id, person_id) WHERE purpose = 'round';
CREATE INDEX samples_tube ON samples (tube_id);
CREATE INDEX samples_coverage ON samples (round_id, terr_path);

-- The single-tube retest of each person of a positive pool (混管阳性): open until sampled, then its result. A
-- positive retest names the infection record it created for surveillance.
CREATE TABLE retest_tasks (
  id              bigserial PRIMARY KEY,
  round_id        bigint NOT NULL REFERENCES testing_rounds(id),
  source_tube_id  bigint NOT NULL REFERENCES tubes(id),
  person_id       bigint NOT NULL REFERENCES people(id),
  terr_path       text COLLATE "C" NOT NULL,
  status          text NOT NULL CHECK (status IN ('open','sampled','negative','positive')),
  retest_tube_id  bigint REFERENCES tubes(id),
  positive_id     bigint,
  created_at      timestamptz NOT NULL,
  resolved_at     timestamptz,
  UNIQUE (source_tube_id, person_id)
);
CREATE INDEX retest_tasks_open ON retest_tasks (terr_path, id) WHERE status IN ('open','sampled');
CREATE INDEX retest_tasks_round ON retest_tasks (round_id, id);

-- Door-to-door tasks (上门采样) of a round: every resident of a sealed unit, in home quarantine, or immobile (特殊人群台账),
-- grouped per mobile squad by building and floor, done with the sampler's page.
CREATE TABLE door_tasks (
  round_id     bigint NOT NULL REFERENCES testing_rounds(id),
  person_id    bigint NOT NULL REFERENCES people(id),
  terr_path    text COLLATE "C" NOT NULL,
  reason       text NOT NULL CHECK (reason IN ('sealed','home_quarantine','immobile')),
  squad        text NOT NULL,
  building_id  bigint REFERENCES territory_nodes(id),
  floor        smallint,
  done_at      timestamptz,
  PRIMARY KEY (round_id, person_id)
);
CREATE INDEX door_tasks_squad ON door_tasks (round_id, squad, terr_path);

-- The residents who missed a round, recorded when it closes: the health code reads them as facts (未按要求参加第N轮).
CREATE TABLE testing_missed (
  round_id   bigint NOT NULL REFERENCES testing_rounds(id),
  person_id  bigint NOT NULL REFERENCES people(id),
  terr_path  text COLLATE "C" NOT NULL,
  PRIMARY KEY (round_id, person_id)
);
CREATE INDEX testing_missed_person ON testing_missed (person_id);

-- A round's target (应检人员), fixed when the round opens from the residents then living under its subtrees (the
-- people module's residents, read through its service): coverage and the missing lists count against it, so a
-- resident moving mid-round does not change what a community was asked to reach.
CREATE TABLE testing_targets (
  round_id      bigint NOT NULL REFERENCES testing_rounds(id),
  person_id     bigint NOT NULL REFERENCES people(id),
  household_id  bigint NOT NULL REFERENCES territory_nodes(id),
  terr_path     text COLLATE "C" NOT NULL,
  PRIMARY KEY (round_id, person_id)
);
CREATE INDEX testing_targets_path ON testing_targets (round_id, terr_path);
