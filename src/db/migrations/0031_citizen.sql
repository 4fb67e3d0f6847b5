-- The citizens' sign-in (healthcode/citizen): every request for a one-time code, by a keyed hash of the ID number
-- typed whether or not a resident has it, so the per-ID limits and the lock after five wrong codes answer the same
-- for a number nobody has (no enumeration). Rows older than a day say nothing any more; nothing reads them.
CREATE TABLE citizen_code_requests (
  id         bigserial PRIMARY KEY,
  id_hash    text NOT NULL,
  at         timestamptz NOT NULL,
  -- Codes tried against this request (wrong or right): five, then the request is locked until a new one.
  attempts   integer NOT NULL DEFAULT 0
);
CREATE INDEX citizen_code_requests_hash ON citizen_code_requests (id_hash, at DESC);

-- A self-report (报备) is one per person and trip: the same trip reported again (a resent form) is the same row.
CREATE UNIQUE INDEX travel_reports_natural ON travel_reports (person_id, city, left_on, arrived_on);
