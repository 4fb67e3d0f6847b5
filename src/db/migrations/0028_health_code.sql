-- The health code (龙江健康码) and the venue codes (场所码): the facts a colour is derived from, the colour of each
-- person with its reasons, the append-only change feed every API process's in-memory projection follows, the
-- administrators' corrections (two people for a change to red or of more than ten people), the citizens' one-time
-- sign-in codes and self-reports (报备), the venues with their printable codes, and every venue scan.
-- Person ids are people.id; they carry no foreign key on the tables written a million rows at a time (facts,
-- codes, changes, scans): the writers take the ids from the people module's own service.

-- A fact about a person that may colour the code (positive, close contact in a phase, resident of a risk area,
-- arrival from a risk area elsewhere, missed round N, refused investigation, fever): one row per person and
-- source (the record it came from: 'round:12', 'positive:34', 'contact:56:centralized', 'area:7', 'report:9',
-- 'cdc:3'), so recording it again changes nothing. It holds over [since, until); `changed_at` is when it last
-- changed (a correction holds until a newer fact).
CREATE TABLE health_facts (
  id          bigserial PRIMARY KEY,
  person_id   bigint NOT NULL,
  terr_path   text COLLATE "C" NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('positive','close_contact_centralized','close_contact_home',
                'secondary_contact','resident_high','resident_medium','arrival_high','arrival_medium',
                'missed_round','refused_investigation','fever')),
  source      text NOT NULL,
  reason      text NOT NULL,
  since       timestamptz NOT NULL,
  until       timestamptz,
  changed_at  timestamptz NOT NULL,
  CHECK (until IS NULL OR until >= since),
  UNIQUE (person_id, source)
);
CREATE INDEX health_facts_source ON health_facts (source);
-- The sweeper finds the facts that ended since its last pass.
CREATE INDEX health_facts_until ON health_facts (until) WHERE until IS NOT NULL;
-- … and the facts recorded ahead of their start (an area's level from a later hour).
CREATE INDEX health_facts_scheduled ON health_facts (since) WHERE changed_at < since;
CREATE INDEX health_facts_scope ON health_facts (terr_path, kind);

-- The colour each person has now, with its reasons (Chinese, as the citizen sees them) and the correction in force.
-- A person without a row is green with no reasons. `version` is the seq of the change that set it.
CREATE TABLE health_codes (
  person_id        bigint PRIMARY KEY,
  terr_path        text COLLATE "C" NOT NULL,
  colour           text NOT NULL CHECK (colour IN ('green','yellow','red')),
  reasons          text[] NOT NULL DEFAULT '{}',
  correction_id    bigint,
  last_negative_at timestamptz,
  version          bigint NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX health_codes_scope ON health_codes (terr_path, colour);

-- Every change of a colour or of the last negative test, in commit order (the writers hold an advisory lock to
-- commit, as domain_events does): the projection of each API process follows it by `seq`. Append-only.
CREATE TABLE health_code_changes (
  seq              bigserial PRIMARY KEY,
  person_id        bigint NOT NULL,
  colour           text NOT NULL CHECK (colour IN ('green','yellow','red')),
  last_negative_at timestamptz,
  at               timestamptz NOT NULL
);

-- An administrator's correction of one or more people's colour (健康码管理员, seed 000): the reason, the colours
-- before, and, for a change to red or of more than ten people, the second person (CDC) who approved it.
CREATE TABLE health_corrections (
  id            bigserial PRIMARY KEY,
  terr_path     text COLLATE "C" NOT NULL,
  person_ids    bigint[] NOT NULL CHECK (cardinality(person_ids) BETWEEN 1 AND 10000),
  colour        text NOT NULL CHECK (colour IN ('green','yellow','red')),
  reason        text NOT NULL,
  before        jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('pending','applied','rejected')),
  requested_by  bigint NOT NULL REFERENCES users(id),
  requested_at  timestamptz NOT NULL,
  decided_by    bigint REFERENCES users(id),
  decided_at    timestamptz,
  decision_note text,
  CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX health_corrections_scope ON health_corrections (terr_path, id);
CREATE INDEX health_corrections_pending ON health_corrections (id) WHERE status = 'pending';
CREATE INDEX health_corrections_people ON health_corrections USING gin (person_ids);

-- The correction in force for a person (the latest applied one): it holds while no fact of theirs is newer.
CREATE TABLE health_overrides (
  person_id      bigint PRIMARY KEY,
  terr_path      text COLLATE "C" NOT NULL,
  correction_id  bigint NOT NULL REFERENCES health_corrections(id),
  colour         text NOT NULL CHECK (colour IN ('green','yellow','red')),
  reason         text NOT NULL,
  at             timestamptz NOT NULL
);

-- A citizen's one-time sign-in code (the SMS gateway sends it): kept as a keyed hash, five tries, a few minutes.
CREATE TABLE citizen_codes (
  id          bigserial PRIMARY KEY,
  person_id   bigint NOT NULL,
  code_hash   text NOT NULL,
  sent_at     timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  used_at     timestamptz
);
CREATE INDEX citizen_codes_person ON citizen_codes (person_id, sent_at DESC);

-- A citizen's self-report (报备) of a trip to another city, with what the elsewhere registry said of it.
CREATE TABLE travel_reports (
  id           bigserial PRIMARY KEY,
  person_id    bigint NOT NULL,
  terr_path    text COLLATE "C" NOT NULL,
  province     text NOT NULL,
  city         text NOT NULL,
  district     text,
  place        text,
  left_on      date NOT NULL,
  arrived_on   date NOT NULL,
  transport    text,
  must_report  boolean NOT NULL,
  level        text CHECK (level IN ('high','medium')),
  sentence     text,
  reported_at  timestamptz NOT NULL,
  CHECK (arrived_on >= left_on)
);
CREATE INDEX travel_reports_person ON travel_reports (person_id, id);
CREATE INDEX travel_reports_scope ON travel_reports (terr_path, id);

-- A venue with a printable code (场所码): shops, markets, banks, buses and taxis, and the zones, shops and
-- warehouses of a logistics park, one code each (一区一店一库一码, `parent_id` the park). `node_id` is the place
-- of the territory it stands at (what a case's trajectory names); a bus carries its `line`. `rule` is what a scan
-- there must show to pass: {"green": true, "negativeWithinHours": 48 | null}.
CREATE TABLE venues (
  id          bigserial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('shop','market','supermarket','bank','restaurant','hospital','school',
                'office','bus','taxi','logistics_park','zone','warehouse','other')),
  node_id     bigint NOT NULL REFERENCES territory_nodes(id),
  terr_path   text COLLATE "C" NOT NULL,
  parent_id   bigint REFERENCES venues(id),
  line        text,
  plate       text,
  address     text,
  rule        jsonb NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  created_by  bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL,
  CHECK (kind <> 'bus' OR line IS NOT NULL)
);
CREATE INDEX venues_scope ON venues (terr_path, id);
CREATE INDEX venues_node ON venues (node_id);
CREATE INDEX venues_line ON venues (line, id) WHERE line IS NOT NULL;
CREATE INDEX venues_parent ON venues (parent_id) WHERE parent_id IS NOT NULL;

-- Every venue scan, by its natural key (venue, time, person): a replayed scan (an offline queue sent twice) is
-- stored once. `pass` is the verdict given; `by_user` the staff account when staff scanned the person, null when
-- the citizen scanned the venue. Read by venue and window (space-time companions) and by person (a case's rides).
-- No terr_path: scans are read by venue (which has one) or city-wide by the CDC.
CREATE TABLE venue_scans (
  venue_id   bigint NOT NULL,
  at         timestamptz NOT NULL,
  person_id  bigint NOT NULL,
  colour     text NOT NULL CHECK (colour IN ('green','yellow','red')),
  pass       boolean NOT NULL,
  by_user    bigint,
  offline    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (venue_id, at, person_id)
);
CREATE INDEX venue_scans_person ON venue_scans (person_id, at);

-- The health code's own secret: it keys the seal every API process checks on a QR token, the citizens' session
-- cookies and one-time codes, and the P-256 key whose public half the checkpoints' pages verify offline with.
INSERT INTO platform_secrets (name, value)
VALUES ('healthcode_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
