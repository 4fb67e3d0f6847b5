-- The epidemiological account of a positive (流调信息) as the bulletin prints it: 协查通知 date, arrival (date,
-- from, flight, port), 手递手转运, 无其他活动轨迹, a contact of a case of another city, and a free sentence.
-- One jsonb column rather than ten: these facts are only ever printed, never filtered, joined or counted; they
-- travel together with the positive's fields of the bulletin document, whose shape they keep, and the cases
-- contract (zod: bounded text, days within range, no NUL or lone surrogate) validates them before they are
-- stored. NULL: no account entered. The CHECK keeps anything but an object out of it.
ALTER TABLE positives
  ADD COLUMN account jsonb CHECK (account IS NULL OR jsonb_typeof(account) = 'object');
