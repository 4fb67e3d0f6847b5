-- Surveillance: positives, trajectories, contacts, place tasks, clusters, detection channels, published bulletins.

-- Detection channels (发现途径) as the CDC words them; the list is edited per period (POLICY.md).
CREATE TABLE detection_channels (
  id          serial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  period      text NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  sort        integer NOT NULL DEFAULT 0
);
INSERT INTO detection_channels (name, period, sort) VALUES
  ('隔离管控人员中发现', '2022-11', 1), ('社区筛查发现', '2022-11', 2), ('密切接触者筛查发现', '2022-11', 3),
  ('闭环管理重点人员筛查发现', '2022-11', 4), ('非闭环管理重点人员筛查发现', '2022-11', 5), ('跨区域协查发现', '2022-11', 6),
  ('集中隔离发现', '2022-09', 7), ('居家隔离医学观察发现', '2022-09', 8), ('重点人群筛查发现', '2022-11', 9),
  ('高风险区筛查发现', '2022-09', 10), ('中风险区筛查发现', '2022-09', 11),
  ('主动就诊发现', '2022-03', 12), ('区域核酸检测发现', '2022-03', 13), ('居家隔离筛查发现', '2022-03', 14),
  ('集中隔离管控筛查发现', '2022-03', 15), ('在隔离医学观察期间核酸检测发现', '2021', 16), ('全员核酸筛查发现', '2021', 17);

-- A positive infection (阳性感染者) as reported: numbered per report day and kind (【无症状感染者13】).
-- A reclassification (无症状感染者转为确诊病例) is a new confirmed row pointing at the asymptomatic one:
-- both facts stay, and the bulletin of the day counts it as the seeds do.
CREATE TABLE positives (
  id                  bigserial PRIMARY KEY,
  report_date         date NOT NULL,
  report_hour         smallint NOT NULL CHECK (report_hour BETWEEN 0 AND 23),
  kind                text NOT NULL CHECK (kind IN ('confirmed','asymptomatic')),
  severity            text CHECK (severity IN ('mild','moderate','severe','critical')),
  source              text NOT NULL CHECK (source IN ('local','imported')),
  number              integer NOT NULL CHECK (number > 0),
  district_id         bigint NOT NULL REFERENCES territory_nodes(id),
  terr_path           text COLLATE "C" NOT NULL,
  residence_node_id   bigint REFERENCES territory_nodes(id),
  residence           text,
  origin              text,
  channel             text NOT NULL,
  relationships       text,
  transferred_to      text,
  person_id           bigint REFERENCES people(id),
  reclassified_from   bigint UNIQUE REFERENCES positives(id),
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL,
  UNIQUE (report_date, kind, number),
  CHECK (kind = 'confirmed' OR severity IS NULL),
  CHECK (reclassified_from IS NULL OR kind = 'confirmed')
);
CREATE INDEX positives_scope ON positives (terr_path, report_date);
CREATE INDEX positives_day ON positives (report_date, report_hour);

-- Whose close contact a positive was (系病例2和病例4的女儿 → links to both).
CREATE TABLE positive_links (
  positive_id   bigint NOT NULL REFERENCES positives(id),
  source_id     bigint NOT NULL REFERENCES positives(id),
  PRIMARY KEY (positive_id, source_id),
  CHECK (positive_id <> source_id)
);

-- Published activity trajectory (活动轨迹): one row per dated entry, times and stop as the bulletin prints them.
CREATE TABLE trajectory_entries (
  id            bigserial PRIMARY KEY,
  positive_id   bigint NOT NULL REFERENCES positives(id),
  seq           integer NOT NULL,
  day           date NOT NULL,
  times         jsonb NOT NULL,
  stop          jsonb NOT NULL,
  place_node_id bigint REFERENCES territory_nodes(id),
  UNIQUE (positive_id, seq)
);

-- Close contacts (密切接触者) and their contacts (密接的密接), each traced from a positive or a contact.
CREATE TABLE contacts (
  id                 bigserial PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('close','secondary')),
  name               text NOT NULL,
  id_number          char(18),
  phone              text,
  source_positive_id bigint REFERENCES positives(id),
  source_contact_id  bigint REFERENCES contacts(id),
  status             text NOT NULL DEFAULT 'located' CHECK (status IN ('located','controlled','tested','released')),
  district_id        bigint NOT NULL REFERENCES territory_nodes(id),
  terr_path          text COLLATE "C" NOT NULL,
  traced_at          timestamptz NOT NULL,
  CHECK ((source_positive_id IS NULL) <> (source_contact_id IS NULL)),
  CHECK (kind = 'secondary' OR source_positive_id IS NOT NULL)
);
-- The natural key of a bulk list: the same person traced from the same source is one contact.
CREATE UNIQUE INDEX contacts_natural ON contacts (id_number, coalesce(source_positive_id, 0), coalesce(source_contact_id, 0))
  WHERE id_number IS NOT NULL;
CREATE INDEX contacts_scope ON contacts (terr_path, traced_at);
CREATE INDEX contacts_source_positive ON contacts (source_positive_id);
CREATE INDEX contacts_source_contact ON contacts (source_contact_id);

-- Places a positive visited get terminal disinfection (终末消毒) and closure (封闭管理).
CREATE TABLE place_tasks (
  id            bigserial PRIMARY KEY,
  positive_id   bigint NOT NULL REFERENCES positives(id),
  place         text NOT NULL,
  task          text NOT NULL CHECK (task IN ('disinfection','closure')),
  done_at       timestamptz,
  UNIQUE (positive_id, place, task)
);

-- Clusters (聚集性疫情) with their members and sequencing lineage.
CREATE TABLE clusters (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  lineage     text,
  created_at  timestamptz NOT NULL
);
CREATE TABLE cluster_members (
  cluster_id   bigint NOT NULL REFERENCES clusters(id),
  positive_id  bigint NOT NULL REFERENCES positives(id),
  PRIMARY KEY (cluster_id, positive_id)
);

-- A published bulletin is frozen: each publication of the same day and window is a new version.
CREATE TABLE bulletins (
  id            bigserial PRIMARY KEY,
  day           date NOT NULL,
  from_hour     smallint NOT NULL,
  to_hour       smallint NOT NULL,
  template      text NOT NULL,
  version       integer NOT NULL,
  document      jsonb NOT NULL,
  body          text NOT NULL,
  published_by  bigint REFERENCES users(id),
  published_at  timestamptz NOT NULL,
  UNIQUE (day, from_hour, to_hour, version)
);
CREATE FUNCTION bulletins_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published bulletin is frozen; publish a new version' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER bulletins_no_update BEFORE UPDATE OR DELETE ON bulletins FOR EACH ROW EXECUTE FUNCTION bulletins_frozen();
