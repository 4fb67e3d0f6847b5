import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../kit/context';
import { harness } from '../../../test/harness';
import { roundOverCompound, sampled } from '../../testing/fixtures/round';
import * as reason from '../colours/reasons';
import { CORRECTED } from '../colours/rules';
import { coloursService } from '../colours/service';
import { needsSecondPerson } from './rules';
import { correctionsService as svc } from './service';

const NOW = '2022-11-27T10:00:00+08:00';
let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
let people: { id: number; path: string }[];
let admin: Ctx;
let cdc: Ctx;
let cdc2: Ctx;

beforeAll(async () => {
  h = await harness(NOW);
  r = await roundOverCompound(h);
  people = r.built.dwellers;
  admin = await h.ctx('community', r.w.a.code);
  cdc = await h.ctx('cdc', '230100');
  cdc2 = await h.ctx('cdc', '230100');
});
afterAll(() => h?.close());

const idNumberOf = async (id: number) =>
  (await h.pool.query('SELECT id_number FROM people WHERE id = $1', [id])).rows[0].id_number as string;
const code = async (id: number) =>
  (await h.pool.query('SELECT colour, reasons, correction_id FROM health_codes WHERE person_id = $1', [id])).rows[0];
const audits = async (action: string, personId: number) =>
  (
    await h.pool.query(
      'SELECT username, detail, person_id, person_ids FROM audit_log WHERE action = $1 AND (person_id = $2 OR $2 = ANY(person_ids)) ORDER BY id',
      [action, personId],
    )
  ).rows;
/** A missed round for these people, recorded now: they turn yellow. */
const missed = (ps: { id: number; path: string }[], at = h.clock.now()) =>
  coloursService.recordFacts(
    cdc,
    ps.map((p) => ({
      personId: p.id,
      terrPath: p.path,
      kind: 'missed_round' as const,
      source: `round:t-${h.tag}`,
      reason: reason.missedRound(3),
      since: at,
      until: null,
    })),
    'test',
  );

describe('looking a person up by ID number', () => {
  it('shows the colour, its reasons, the facts and the tests, released by the kit and audited', async () => {
    const p = people[0] as { id: number; path: string };
    await missed([p]);
    const [tube] = await sampled(h, r.roundId, [[p]], 'single');
    await h.pool.query(`UPDATE tubes SET result = 'negative', result_at = $2, lab = '测试检验科' WHERE id = $1`, [
      tube?.id,
      h.clock.now(),
    ]);
    const idNumber = await idNumberOf(p.id);
    const card = await svc.lookup(admin, idNumber);
    expect(card.person).toMatchObject({ id: p.id, idNumber, masked: false });
    expect(card.code).toMatchObject({ colour: 'yellow', reasons: ['未按要求参加第3轮全员核酸检测'], corrected: false });
    expect(card.facts).toEqual([expect.objectContaining({ kind: 'missed_round', active: true })]);
    expect(card.tests).toEqual([expect.objectContaining({ result: 'negative', barcode: tube?.barcode, purpose: 'round' })]);
    expect(card.actions).toEqual(['correct']);
    expect(await audits('healthcode.read', p.id)).toHaveLength(1);
    expect(await audits('person.read_unmasked', p.id)).toHaveLength(1);
  });

  it('a 12345 agent finds anyone in the city, masked; another community finds no one', async () => {
    const p = people[1] as { id: number; path: string };
    const idNumber = await idNumberOf(p.id);
    const hotline = await h.ctx('hotline', r.w.street.code);
    const other = await h.ctx('community', r.w.b.code);
    const card = await svc.lookup(hotline, idNumber);
    expect(card.person.masked).toBe(true);
    expect(card.person.idNumber).toBe(`${idNumber.slice(0, 2)}****************`);
    expect(card.actions).toEqual([]);
    await expect(svc.lookup(other, idNumber)).rejects.toMatchObject({ status: 404 });
    const read = await audits('healthcode.read', p.id);
    expect(read.map((a) => a.detail.via)).toEqual(['hotline']);
  });
});

describe('corrections', () => {
  it('a correction to green by the community applies at once, reaches the code and the feed, and is audited with before and after', async () => {
    const p = people[2] as { id: number; path: string };
    await missed([p]);
    const seq = Number((await h.pool.query('SELECT coalesce(max(seq), 0) AS s FROM health_code_changes')).rows[0].s);
    const c = await svc.request(admin, { personIds: [p.id], colour: 'green', reason: '已核实参加第3轮检测' });
    expect(c).toMatchObject({ status: 'applied', needsSecond: false, change: '黄码→绿码', actions: [] });
    expect(await code(p.id)).toMatchObject({ colour: 'green', reasons: [`${CORRECTED}已核实参加第3轮检测`] });
    const feed = await h.pool.query('SELECT colour FROM health_code_changes WHERE person_id = $1 AND seq > $2', [p.id, seq]);
    expect(feed.rows).toEqual([{ colour: 'green' }]);
    const [a] = await audits('healthcode.correct', p.id);
    expect(a.detail).toMatchObject({
      correctionId: c.id,
      status: 'applied',
      change: '黄码→绿码',
      after: 'green',
      before: { [p.id]: { colour: 'yellow', reasons: ['未按要求参加第3轮全员核酸检测'] } },
    });
    const ev = await h.pool.query(
      "SELECT payload FROM domain_events WHERE type = 'healthcode.corrected' ORDER BY seq DESC LIMIT 1",
    );
    expect(ev.rows[0].payload).toEqual({ correctionId: c.id, personIds: [p.id], colour: 'green' });
    // The card shows it in the person's history.
    const card = await svc.lookup(admin, await idNumberOf(p.id));
    expect(card.code.corrected).toBe(true);
    expect(card.corrections.map((x) => x.id)).toEqual([c.id]);
  });

  it('a newer fact overrides an older correction', async () => {
    const p = people[3] as { id: number; path: string };
    await missed([p]);
    await svc.request(admin, { personIds: [p.id], colour: 'green', reason: '已补检' });
    expect((await code(p.id)).colour).toBe('green');
    h.clock.set('2022-11-27T11:00:00+08:00');
    try {
      const f = await svc.recordFact(cdc, { personId: p.id, kind: 'fever' });
      expect(f).toMatchObject({
        colour: 'yellow',
        reasons: ['未按要求参加第3轮全员核酸检测', '发热门诊就诊（发热或其他可疑症状）'],
      });
      expect((await code(p.id)).correction_id).toBeNull();
      expect(await audits('healthcode.fact_record', p.id)).toHaveLength(1);
      h.clock.set('2022-11-27T12:00:00+08:00');
      const ended = await svc.endFact(cdc, { personId: p.id, kind: 'fever' });
      expect(ended.reasons).toEqual(['未按要求参加第3轮全员核酸检测']);
      expect(await audits('healthcode.fact_end', p.id)).toHaveLength(1);
    } finally {
      h.clock.set(NOW);
    }
  });

  it('a correction to red stays pending until a second person of the CDC approves it', async () => {
    const p = people[4] as { id: number; path: string };
    const c = await svc.request(cdc, { personIds: [p.id], colour: 'red', reason: '流调确认的密接，待转运' });
    expect(c).toMatchObject({ status: 'pending', needsSecond: true, actions: [] });
    expect(await code(p.id)).toBeUndefined();
    // The requester may not approve their own, even holding healthcode.approve.
    await expect(svc.approve(cdc, c.id)).rejects.toMatchObject({ status: 403, code: 'healthcode.own_correction' });
    const pending = await svc.list(cdc2, { status: 'pending', pageSize: 100 });
    expect(pending.items.find((x) => x.id === c.id)?.actions).toEqual(['approve', 'reject']);
    const done = await svc.approve(cdc2, c.id, '同意');
    expect(done).toMatchObject({ status: 'applied', note: '同意', decidedBy: cdc2.actor?.displayName });
    expect(await code(p.id)).toMatchObject({ colour: 'red', correction_id: c.id });
    await expect(svc.approve(cdc2, c.id)).rejects.toMatchObject({ status: 409 });
    const [approved] = await audits('healthcode.correction_approve', p.id);
    expect(approved).toMatchObject({ username: cdc2.actor?.username });
    expect(approved.detail).toMatchObject({ change: '绿码→红码', before: { [p.id]: { colour: 'green' } }, after: 'red' });
  });

  it('more than ten people need a second person too; a rejection changes nothing and names its reason', async () => {
    const eleven = people.slice(5, 16);
    await missed(eleven);
    const c = await svc.request(admin, { personIds: eleven.map((p) => p.id), colour: 'green', reason: '整栋已补检' });
    expect(c).toMatchObject({ status: 'pending', people: 11, change: '黄码11人→绿码' });
    await expect(svc.reject(admin, c.id, '无权')).rejects.toMatchObject({ status: 403 });
    const done = await svc.reject(cdc, c.id, '未见补检记录');
    expect(done.status).toBe('rejected');
    for (const p of eleven) expect((await code(p.id)).colour).toBe('yellow');
    const [rej] = await audits('healthcode.correction_reject', eleven[0]?.id as number);
    expect(rej.detail).toMatchObject({ note: '未见补检记录', status: 'rejected' });
  });

  it('refuses people outside the caller’s scope, naming the field, and writes nothing', async () => {
    const before = Number((await h.pool.query('SELECT count(*) FROM health_corrections')).rows[0].count);
    const other = await h.ctx('community', r.w.b.code);
    await expect(
      svc.request(other, { personIds: [people[0]?.id as number], colour: 'green', reason: '试图越权' }),
    ).rejects.toMatchObject({ status: 400, fieldIssues: [expect.objectContaining({ field: 'personIds' })] });
    expect(Number((await h.pool.query('SELECT count(*) FROM health_corrections')).rows[0].count)).toBe(before);
  });

  it('pages the corrections newest first, in scope', async () => {
    const first = await svc.list(cdc, { status: 'all', pageSize: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const second = await svc.list(cdc, { status: 'all', pageSize: 2, after: first.items[1]?.id });
    expect((second.items[0]?.id as number) < (first.items[1]?.id as number)).toBe(true);
    const other = await h.ctx('community', r.w.b.code);
    expect((await svc.list(other, { status: 'all', pageSize: 100 })).items).toEqual([]);
  });
});

describe('every correction is audited (property)', () => {
  it('each request leaves one audit row naming it and its people; only what one person may do takes effect', async () => {
    const pool = people.slice(20, 32);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('green' as const, 'yellow' as const, 'red' as const),
        fc.subarray(pool, { minLength: 1 }),
        async (colour, whom) => {
          const before = new Map(
            await Promise.all(whom.map(async (p) => [p.id, (await code(p.id))?.colour ?? 'green'] as const)),
          );
          const c = await svc.request(admin, { personIds: whom.map((p) => p.id), colour, reason: `批量核实-${colour}` });
          const rows = (
            await h.pool.query(
              "SELECT person_id, person_ids, detail FROM audit_log WHERE action = 'healthcode.correct' AND target = $1",
              [`#${c.id}`],
            )
          ).rows;
          expect(rows).toHaveLength(1);
          const named = rows[0].person_ids ? rows[0].person_ids.map(Number) : [Number(rows[0].person_id)];
          expect(named.sort()).toEqual(whom.map((p) => p.id).sort());
          expect(rows[0].detail).toMatchObject({ correctionId: c.id, colour, after: colour });
          const applied = !needsSecondPerson(colour, whom.length);
          expect(c.status).toBe(applied ? 'applied' : 'pending');
          for (const p of whom) expect((await code(p.id))?.colour ?? 'green').toBe(applied ? colour : before.get(p.id));
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('the database makes a one-person change to red impossible', () => {
  const insert = (colour: string, status: string, ids: number[], decidedBy: number | null) =>
    h.pool.query(
      `INSERT INTO health_corrections (terr_path, person_ids, colour, reason, before, status, requested_by, requested_at, decided_by, decided_at)
       VALUES ($1, $2, $3, 'x', '{}', $4, $5, now(), $6, CASE WHEN $4 = 'pending' THEN NULL ELSE now() END) RETURNING id`,
      [people[0]?.path, ids, colour, status, admin.actor?.userId, decidedBy],
    );

  it('refuses applying a red correction, or one of eleven people, without a second person', async () => {
    await expect(insert('red', 'applied', [people[0]?.id as number], null)).rejects.toThrow(/second person/);
    await expect(
      insert(
        'green',
        'applied',
        people.slice(0, 11).map((p) => p.id),
        null,
      ),
    ).rejects.toThrow(/second person/);
    const pending = Number((await insert('red', 'pending', [people[0]?.id as number], null)).rows[0].id);
    await expect(
      h.pool.query(`UPDATE health_corrections SET status = 'applied', decided_at = now() WHERE id = $1`, [pending]),
    ).rejects.toThrow(/second person/);
    // The requester as the decider: 0028's CHECK.
    await expect(
      h.pool.query(
        `UPDATE health_corrections SET status = 'applied', decided_at = now(), decided_by = requested_by WHERE id = $1`,
        [pending],
      ),
    ).rejects.toThrow(/check constraint/);
    // An override naming a correction not applied is refused: no colour can be forced by writing one.
    await expect(
      h.pool.query(
        `INSERT INTO health_overrides (person_id, terr_path, correction_id, colour, reason, at) VALUES ($1, $2, $3, 'red', 'x', now())`,
        [people[0]?.id, people[0]?.path, pending],
      ),
    ).rejects.toThrow(/applied correction/);
  });

  it('freezes a decided correction and never deletes one', async () => {
    const applied = Number((await insert('green', 'applied', [people[0]?.id as number], null)).rows[0].id);
    await expect(h.pool.query(`UPDATE health_corrections SET colour = 'red' WHERE id = $1`, [applied])).rejects.toThrow(/frozen/);
    await expect(h.pool.query(`UPDATE health_corrections SET reason = 'y' WHERE id = $1`, [applied])).rejects.toThrow(/frozen/);
    await expect(h.pool.query('DELETE FROM health_corrections WHERE id = $1', [applied])).rejects.toThrow(/never deleted/);
    const pending = Number((await insert('red', 'pending', [people[0]?.id as number], null)).rows[0].id);
    await expect(h.pool.query(`UPDATE health_corrections SET colour = 'green' WHERE id = $1`, [pending])).rejects.toThrow(
      /only the decision/,
    );
  });
});
