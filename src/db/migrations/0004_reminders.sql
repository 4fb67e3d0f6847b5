-- The CDC's urgent reminders (紧急提醒): each publication of a day is a new frozen version, like bulletins.
CREATE TABLE reminders (
  id            bigserial PRIMARY KEY,
  issued_on     date NOT NULL,
  version       integer NOT NULL,
  document      jsonb NOT NULL,
  body          text NOT NULL,
  published_by  bigint REFERENCES users(id),
  published_at  timestamptz NOT NULL,
  UNIQUE (issued_on, version)
);
-- The draft of the next reminder starts from the latest one.
CREATE INDEX reminders_latest ON reminders (published_at DESC, id DESC);

-- One freezing function for every published text; the message names the table.
CREATE OR REPLACE FUNCTION bulletins_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published % row is frozen; publish a new version', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER reminders_no_update BEFORE UPDATE OR DELETE ON reminders FOR EACH ROW EXECUTE FUNCTION bulletins_frozen();
