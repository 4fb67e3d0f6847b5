-- Other cities' medium- and high-risk areas (外地中高风险地区, issue 14; seeds 000 and 001): who arrives from them
-- must report (报备), and the CDC's urgent reminder names them. City-wide data: no territory path.
--
-- A feed (GET /api/public/risk-areas of another city, src/modules/risk/area-spec.ts `riskFeed`) is recorded once
-- per city and generation time, so a replayed feed is recognised and changes nothing; an older one than the last
-- imported is refused by the service.
CREATE TABLE elsewhere_feeds (
  id            bigserial PRIMARY KEY,
  province      text NOT NULL,
  city          text NOT NULL,
  generated_at  timestamptz NOT NULL,
  sha256        text NOT NULL,
  -- what the import did: added, changed, ended, unchanged
  counts        jsonb NOT NULL,
  imported_by   bigint REFERENCES users (id),
  imported_at   timestamptz NOT NULL,
  CONSTRAINT elsewhere_feeds_once UNIQUE (province, city, generated_at)
);

-- One row per area and level over a span of time: a level change ends the row and starts another, an area
-- missing from a newer feed is ended, so "was this village high-risk on 10月20日?" stays answerable.
-- `area_key` names the area across its rows: feed:<province>/<city>/<the feed's id>, or
-- manual:<province>/<city>/<district>/<name> for an area the CDC entered from another city's notice.
CREATE TABLE elsewhere_areas (
  id            bigserial PRIMARY KEY,
  area_key      text NOT NULL,
  province      text NOT NULL,
  city          text NOT NULL,
  district      text,
  name          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('high', 'medium', 'low')),
  since         timestamptz NOT NULL,
  until         timestamptz,
  source        text NOT NULL CHECK (source IN ('feed', 'manual')),
  feed_id       bigint REFERENCES elsewhere_feeds (id),
  feed_area_id  text,
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  ended_by      bigint REFERENCES users (id),
  CONSTRAINT elsewhere_areas_span CHECK (until IS NULL OR until >= since),
  CONSTRAINT elsewhere_areas_feed CHECK ((source = 'feed') = (feed_id IS NOT NULL AND feed_area_id IS NOT NULL))
);
-- The natural key: at most one open row per area, so a replay or a race cannot open an area twice.
CREATE UNIQUE INDEX elsewhere_areas_open ON elsewhere_areas (area_key) WHERE until IS NULL;
-- One area's history, and a feed's open areas by their keys.
CREATE INDEX elsewhere_areas_history ON elsewhere_areas (area_key, since);
-- The current list by province and city (keyset order), and the duty rule's lookup of a traveller's city.
CREATE INDEX elsewhere_areas_place ON elsewhere_areas (province, city, id);
-- The changes that took effect between two days (the reminder's 风险地区调整).
CREATE INDEX elsewhere_areas_since ON elsewhere_areas (since);
