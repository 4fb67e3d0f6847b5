import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { system } from '../../../kit/context';
import { buildApp } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { harness } from '../../../test/harness';
import { suiteLog } from '../../../test/suite-log';
import { roundOverCompound } from '../../testing/fixtures/round';
import { coloursService } from '../colours/service';
import { healthKeys } from '../keys';
import { issueToken } from '../tokens';
import { projectionOf } from './follower';
import { verifyService } from './service';
import { LOAD, loadState } from './shedding';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
let cookie: string;
let venueId: number;
let venueCode: string;
let people: { id: number; path: string }[];

const until = async (what: () => Promise<boolean> | boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((res) => setTimeout(res, 50));
  }
};

const tokenOf = async (personId: number, issuedAt = h.clock.now()) =>
  issueToken(await healthKeys(h.kit), { personId, colour: 'green', version: 0, name: '张*', issuedAt });

const scan = (app: typeof h.app, tokens: string[], extra: { at?: string; offline?: boolean } = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/healthcode/scans',
    headers: { cookie },
    payload: {
      venueId,
      scans: tokens.map((token) => ({ token, at: extra.at ?? h.clock.now().toISOString(), offline: !!extra.offline })),
    },
  });

const yellow = (personId: number, path: string, source: string) =>
  coloursService.recordFacts(
    system(h.kit),
    [
      {
        personId,
        terrPath: path,
        kind: 'missed_round',
        source,
        reason: '未按要求参加第3轮全员核酸检测',
        since: h.clock.now(),
        until: null,
      },
    ],
    'test',
  );

beforeAll(async () => {
  h = await harness('2022-11-25T08:00:00+08:00');
  r = await roundOverCompound(h);
  people = r.built.dwellers;
  venueCode = `V${h.tag}TEST`;
  const v = await h.pool.query(
    `INSERT INTO venues (code, name, kind, node_id, terr_path, rule, created_at)
     VALUES ($1, '测试超市', 'supermarket', $2, $3, '{"green": true, "negativeWithinHours": 72}', now()) RETURNING id`,
    [venueCode, r.w.a.id, r.w.a.path],
  );
  venueId = Number(v.rows[0].id);
  cookie = (await h.login('volunteer', r.w.a.code)).cookie;
  // Person 0: yellow (missed round 3); person 1: a negative test 20 hours ago; person 2: green, never tested.
  await yellow(people[0]?.id as number, people[0]?.path as string, 'round:test-0');
  await coloursService.negativeTests(
    system(h.kit),
    [
      {
        personId: people[1]?.id as number,
        terrPath: people[1]?.path as string,
        sampledAt: new Date('2022-11-24T12:00:00+08:00'),
      },
    ],
    'test',
  );
  await until(() => projectionOf(h.kit).ready);
}, 60_000);
afterAll(() => h?.close());

describe('verification of scans from the projection', () => {
  it('judges each scan by the venue’s rule, with the reasons, and stores a replayed scan once', async () => {
    await until(() => projectionOf(h.kit).get(people[1]?.id as number).lastNegativeAt !== null);
    const tokens = await Promise.all([0, 1, 2].map((i) => tokenOf(people[i]?.id as number)));
    const res = await scan(h.app, tokens);
    expect(res.statusCode).toBe(200);
    const [a, b, c] = res.json().outcomes;
    expect(a.verdict).toMatchObject({ pass: false, colour: 'yellow', stop: '请止步：黄码', name: '张*' });
    expect(a.verdict.reasons).toEqual(['未按要求参加第3轮全员核酸检测']);
    expect(b.verdict).toMatchObject({ pass: true, colour: 'green', stop: '', hoursSinceNegative: 20 });
    expect(c.verdict).toMatchObject({
      pass: false,
      colour: 'green',
      stop: '请止步：无72小时内核酸阴性结果',
      hoursSinceNegative: null,
    });
    const again = await scan(h.app, tokens);
    expect(again.json().outcomes.map((o: { verdict: { pass: boolean } }) => o.verdict.pass)).toEqual([false, true, false]);
    const stored = await h.pool.query(
      'SELECT person_id, colour, pass, by_user IS NOT NULL AS staff FROM venue_scans WHERE venue_id = $1 ORDER BY person_id',
      [venueId],
    );
    expect(stored.rows).toHaveLength(3);
    expect(stored.rows.every((x) => x.staff)).toBe(true);
  });

  it('refuses a tampered, an expired or a malformed code, and accepts an offline scan judged at its own time', async () => {
    const good = await tokenOf(people[1]?.id as number);
    const i = good.indexOf('.') + 5;
    const tampered = good.slice(0, i) + (good[i] === 'A' ? 'B' : 'A') + good.slice(i + 1);
    const old = await tokenOf(people[1]?.id as number, new Date(h.clock.now().getTime() - 10 * 60_000));
    const res = await scan(h.app, [tampered, old, 'not-a-token']);
    expect(res.json().outcomes.map((o: { refusal: { code: string } }) => o.refusal.code)).toEqual([
      'healthcode.token_tampered',
      'healthcode.token_expired',
      'healthcode.token_malformed',
    ]);
    // Shown at a checkpoint that had lost its connection 9 minutes ago, sent now: valid when it was scanned.
    const at = new Date(h.clock.now().getTime() - 9 * 60_000).toISOString();
    const offline = await scan(h.app, [old], { at, offline: true });
    expect(offline.json().outcomes[0]).toMatchObject({ ok: true, verdict: { pass: true } });
    const stale = await scan(h.app, [old], {
      at: new Date(h.clock.now().getTime() - 25 * 3_600_000).toISOString(),
      offline: true,
    });
    expect(stale.json().outcomes[0].refusal.code).toBe('healthcode.scan_too_old');
  });

  it('refuses a venue outside the account’s community, naming the venue', async () => {
    const other = (await h.login('volunteer', r.w.b.code)).cookie;
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/healthcode/scans',
      headers: { cookie: other },
      payload: { venueId, scans: [{ token: await tokenOf(people[1]?.id as number), at: h.clock.now().toISOString() }] },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('场所');
  });

  it('a citizen scanning a venue’s code gets their own verdict, stored without a staff account', async () => {
    // Another person than the staff's scans above: the test's clock stands still, and (venue, time, person) is the key.
    const v = await verifyService.citizenScan(system(h.kit), { personId: people[4]?.id as number, name: '李*' }, venueCode);
    expect(v).toMatchObject({ pass: false, name: '李*', venue: { id: venueId, negativeWithinHours: 72 } });
    const row = await h.pool.query('SELECT by_user FROM venue_scans WHERE venue_id = $1 AND person_id = $2 AND by_user IS NULL', [
      venueId,
      people[4]?.id,
    ]);
    expect(row.rows).toHaveLength(1);
  });

  it('a citizen’s scan is stored at its minute: a reload of /v/<code> within the minute is the same scan', async () => {
    const person = people[5] as { id: number; path: string };
    const start = h.clock.now();
    const count = async () =>
      Number(
        (await h.pool.query('SELECT count(*) FROM venue_scans WHERE venue_id = $1 AND person_id = $2', [venueId, person.id]))
          .rows[0].count,
      );
    try {
      h.clock.set(new Date(start.getTime() + 10_000));
      const first = await verifyService.citizenScan(system(h.kit), { personId: person.id, name: '王*' }, venueCode);
      expect(first.at).toBe(start.toISOString());
      h.clock.set(new Date(start.getTime() + 50_000));
      const again = await verifyService.citizenScan(system(h.kit), { personId: person.id, name: '王*' }, venueCode);
      expect(again.at).toBe(first.at);
      expect(await count()).toBe(1);
      h.clock.set(new Date(start.getTime() + 61_000));
      const later = await verifyService.citizenScan(system(h.kit), { personId: person.id, name: '王*' }, venueCode);
      expect(later.at).toBe(new Date(start.getTime() + 60_000).toISOString());
      expect(await count()).toBe(2);
    } finally {
      h.clock.set(start);
    }
  });

  it('two API processes over one database follow the same feed to the same colour and version', async () => {
    const appPool = new pg.Pool({ connectionString: inject('appDatabaseUrl'), max: 5 });
    const config = loadConfig({ DATABASE_URL: inject('databaseUrl'), LOGIN_RATE_PER_MINUTE: '1000000', LOG_LEVEL: 'debug' });
    const second = await buildApp({ pool: appPool, clock: h.clock, config, logger: { sink: suiteLog() } });
    try {
      const person = people[3] as { id: number; path: string };
      const token = await tokenOf(person.id);
      const verdictOf = async (app: typeof h.app) => (await scan(app, [token])).json().outcomes[0].verdict;
      await until(async () => (await scan(second, [token])).statusCode === 200, 20_000);
      expect((await verdictOf(second)).colour).toBe('green');
      await yellow(person.id, person.path, 'round:test-3');
      await until(async () => (await verdictOf(second)).colour === 'yellow' && (await verdictOf(h.app)).colour === 'yellow');
      const [a, b] = [await verdictOf(h.app), await verdictOf(second)];
      expect(a.version).toBe(b.version);
      expect(a.version).toBeGreaterThan(0);
    } finally {
      await second.close();
      await appPool.end();
    }
  }, 60_000);

  it('past its capacity refuses at once with 429 and Retry-After, and serves again when the burst has passed', async () => {
    const keep = LOAD.shedInFlight;
    LOAD.shedInFlight = 4;
    try {
      const token = await tokenOf(people[1]?.id as number);
      const burst = await Promise.all(Array.from({ length: 60 }, () => scan(h.app, [token])));
      const shed = burst.filter((x) => x.statusCode === 429);
      expect(shed.length).toBeGreaterThan(0);
      expect(shed[0]?.headers['retry-after']).toBe('1');
      expect(shed[0]?.json().error.code).toBe('healthcode.busy');
      expect(burst.every((x) => x.statusCode === 200 || x.statusCode === 429)).toBe(true);
      expect(loadState.inFlight).toBe(0);
      expect((await scan(h.app, [token])).statusCode).toBe(200);
    } finally {
      LOAD.shedInFlight = keep;
    }
  });

  it('sheds on a standing queue before the counts are reached, and admits again once a window is fast', async () => {
    const keep = { ...LOAD };
    const windows = async (n: number) => {
      const until = loadState.windows + n;
      while (loadState.windows < until) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      const token = await tokenOf(people[1]?.id as number);
      // Every answer now counts as slow: the next window finds a standing queue.
      Object.assign(LOAD, { targetMs: 0.001, floorInFlight: 1 });
      expect((await scan(h.app, [token])).statusCode).toBe(200);
      await windows(1);
      expect(loadState.standing).toBe(true);
      const burst = await Promise.all(Array.from({ length: 30 }, () => scan(h.app, [token])));
      const codes = burst.map((x) => x.statusCode);
      expect(codes).toContain(200);
      expect(codes).toContain(429);
      expect(codes.every((c) => c === 200 || c === 429)).toBe(true);
      // The burst has passed and answers are within target again: by itself, a window later, all are admitted.
      Object.assign(LOAD, { targetMs: keep.targetMs, floorInFlight: keep.floorInFlight });
      await windows(2);
      const after = await Promise.all(Array.from({ length: 10 }, () => scan(h.app, [token])));
      expect(after.map((x) => x.statusCode)).toEqual(Array(10).fill(200));
    } finally {
      Object.assign(LOAD, keep);
    }
  });
});
