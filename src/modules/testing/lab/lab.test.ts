import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../../test/harness';
import { multipart } from '../../../test/ledger-file';
import { roundOverCompound } from '../fixtures/round';
import { resultRow, resultsCsv, resultsXlsx, sampledTubes as sampled, sampledForRetest } from './fixtures';
import { labService as lab } from './service';

const BIG = (name: string) => ({
  name,
  buildings: ['1栋', '2栋', '3栋', '4栋'].map((b) => ({
    name: b,
    units: ['1单元', '2单元'].map((u) => ({ name: u, households: [1, 2, 3, 1, 2, 3, 1, 2] })),
  })),
});

let h: Awaited<ReturnType<typeof harness>>;
let labCookie: string;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
/** 120 residents, each test sampling its own slice (a person is sampled once a round). */
let people: Awaited<ReturnType<typeof roundOverCompound>>['built']['dwellers'];

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  r = await roundOverCompound(h, { plan: BIG(`检测小区${h.tag}`) });
  people = r.built.dwellers;
  labCookie = (await h.login('lab', '230100')).cookie;
});
afterAll(() => h.close());

const upload = (file: Buffer, name: string, dryRun = false) => {
  const m = multipart(file, name);
  return h.app.inject({
    method: 'POST',
    url: `/api/testing/results/import${dryRun ? '?dryRun=true' : ''}`,
    payload: m.payload,
    headers: { ...m.headers, cookie: labCookie },
  });
};
const tube = async (id: number) =>
  (await h.pool.query('SELECT result, ct, lab, result_at, result_batch, handover_id FROM tubes WHERE id = $1', [id])).rows[0];
const tasksOf = async (tubeId: number) =>
  (
    await h.pool.query(
      'SELECT id, round_id AS "roundId", person_id AS "personId", terr_path AS path, status, positive_id FROM retest_tasks WHERE source_tube_id = $1 ORDER BY person_id',
      [tubeId],
    )
  ).rows.map((t) => ({ ...t, id: Number(t.id), roundId: Number(t.roundId), personId: Number(t.personId) }));
const events = async (name: string, after: number) =>
  (await h.pool.query('SELECT payload FROM domain_events WHERE type = $1 AND seq > $2 ORDER BY seq', [name, after])).rows.map(
    (x) => x.payload,
  );
const lastSeq = async () => Number((await h.pool.query('SELECT coalesce(max(seq), 0) AS s FROM domain_events')).rows[0].s);

describe('handovers (交接单)', () => {
  it('hands a point’s closed tubes to a lab once, and the lab’s count shows a discrepancy when it differs', async () => {
    const tubes = await sampled(h, r.roundId, [people.slice(0, 10), people.slice(10, 20)]);
    const point = await h.pool.query(
      `INSERT INTO sampling_points (name, node_id, terr_path, opens_at, closes_at, posts, created_at)
       VALUES ('测试采样点', $1, $2, '08:00', '18:00', 2, now()) RETURNING id`,
      [
        r.built.compound.id,
        (await h.pool.query('SELECT path FROM territory_nodes WHERE id = $1', [r.built.compound.id])).rows[0].path,
      ],
    );
    const pointId = Number(point.rows[0].id);
    await h.pool.query('UPDATE tubes SET point_id = $1 WHERE id = ANY($2::bigint[])', [pointId, tubes.map((t) => t.id)]);
    const community = await h.ctx('community', r.w.a.code);
    const sent = await lab.handOver(community, { roundId: r.roundId, pointId, lab: '哈尔滨市测试检测实验室' });
    expect(sent).toMatchObject({ tubesSent: 2, status: 'sent', pointId, tubesReceived: null });
    expect(Number((await tube(tubes[0]?.id as number)).handover_id)).toBe(sent.id);
    // Nothing is left at the point; the same tubes by barcode are named as handed over already.
    expect((await lab.handOver(community, { roundId: r.roundId, pointId, lab: 'X' }).catch((e) => e)).status).toBe(409);
    const again = await lab
      .handOver(community, { roundId: r.roundId, barcodes: [tubes[1]?.barcode as string], lab: 'X' })
      .catch((e) => e);
    expect(again.status).toBe(400);
    expect(again.fieldIssues).toEqual([expect.objectContaining({ field: 'barcodes.0' })]);

    const labCtx = await h.ctx('lab', '230100');
    const pending = await lab.handovers(labCtx, { roundId: r.roundId, status: 'sent', pageSize: 20 });
    expect(pending.items.map((x) => x.id)).toContain(sent.id);
    const counted = await lab.receive(labCtx, sent.id, { counted: 1, note: '少1管' });
    expect(counted).toMatchObject({ status: 'discrepancy', tubesSent: 2, tubesReceived: 1, note: '少1管' });
    // A retried receipt with the same count is the same receipt; another count is refused.
    expect((await lab.receive(labCtx, sent.id, { counted: 1 })).status).toBe('discrepancy');
    expect((await lab.receive(labCtx, sent.id, { counted: 2 }).catch((e) => e)).status).toBe(409);
    const discrepancies = await lab.handovers(labCtx, { roundId: r.roundId, status: 'discrepancy', pageSize: 20 });
    expect(discrepancies.items.map((x) => x.id)).toEqual([sent.id]);
    // Community B sees none of it.
    const other = await h.ctx('community', r.w.b.code);
    expect((await lab.handovers(other, { roundId: r.roundId, pageSize: 20 })).items).toEqual([]);
    expect((await lab.receive(await h.ctx('lab', r.w.b.code), sent.id, { counted: 2 }).catch((e) => e)).status).toBe(404);
  });
});

describe('results', () => {
  it('imports a csv all at once, opens a retest for every person of a positive pool, and a replay changes nothing', async () => {
    const tubes = await sampled(h, r.roundId, [people.slice(20, 30), people.slice(30, 40), people.slice(40, 45)]);
    const [a, b, c] = tubes as [(typeof tubes)[0], (typeof tubes)[0], (typeof tubes)[0]];
    const seq = await lastSeq();
    const file = resultsCsv([
      resultRow(a.barcode),
      resultRow(b.barcode, '阳性', '2022-11-02 06:40', ['28.5', '30.1']),
      resultRow(c.barcode, '阴性'),
      resultRow(c.barcode, '阴性'),
    ]);
    const dry = await upload(file, 'results.csv', true);
    expect(dry.json()).toMatchObject({ rows: 3, inserted: 3, dryRun: true });
    expect((await tube(a.id)).result).toBeNull();

    const res = await upload(file, 'results.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, inserted: 3, unchanged: 0 });
    expect(await tube(b.id)).toMatchObject({ result: 'positive', ct: { orf1ab: 28.5, n: 30.1 }, lab: '哈尔滨市测试检测实验室' });
    expect(new Date((await tube(b.id)).result_at).toISOString()).toBe('2022-11-01T22:40:00.000Z');
    const tasks = await tasksOf(b.id);
    expect(tasks.map((t) => t.personId)).toEqual(b.personIds.sort((x, y) => x - y));
    expect(tasks.every((t) => t.status === 'open')).toBe(true);
    expect(await events('testing.pool_positive', seq)).toEqual([
      { roundId: r.roundId, tubeId: b.id, personIds: expect.arrayContaining(b.personIds) },
    ]);
    expect(await events('testing.results_recorded', seq)).toEqual([
      expect.objectContaining({ roundId: r.roundId, negative: 2, positive: 1, invalid: 0 }),
    ]);

    // The same file: recognised; the same results in another file (an xlsx): unchanged, nothing new.
    expect((await upload(file, 'results.csv')).json().replayOf).toBeDefined();
    const xlsx = await upload(await resultsXlsx([resultRow(a.barcode), resultRow(b.barcode, '阳性')]), 'results.xlsx');
    expect(xlsx.json()).toMatchObject({ rows: 2, inserted: 0, unchanged: 2 });
    expect(await tasksOf(b.id)).toHaveLength(10);
  });

  it('refuses a file with bad rows whole, naming each row and column', async () => {
    const [t] = await sampled(h, r.roundId, [people.slice(45, 50)]);
    const resulted = await sampled(h, r.roundId, [people.slice(50, 51)]);
    await upload(resultsCsv([resultRow(resulted[0]?.barcode as string, '阴性')]), 'first.csv');
    const res = await upload(
      resultsCsv([
        resultRow(t?.barcode as string),
        resultRow('NOSUCHTUBE01'),
        resultRow(resulted[0]?.barcode as string, '阳性'),
        resultRow('T1234567', '阴性', '2022-11-02 06:30', ['abc', '']),
        resultRow('T7654321', '阴?', '2099-01-01 00:00'),
      ]),
      'bad.csv',
    );
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { row: number; column: string; reason: string }[];
    expect(issues.map((i) => [i.row, i.column])).toEqual(
      expect.arrayContaining([
        [3, 'A（试管条码）'],
        [4, 'B（检测结果）'],
        [5, 'C（ORF1ab Ct）'],
        [6, 'B（检测结果）'],
        [6, 'F（检测时间）'],
      ]),
    );
    expect((await tube(t?.id as number)).result).toBeNull();
  });

  it('reads a CSV within the reader’s limits: a cell past 1,000 characters or a value past the columns refuses the file', async () => {
    const long = await upload(resultsCsv([resultRow('X'.repeat(1001))]), 'long.csv');
    expect([long.statusCode, long.json().error.code]).toEqual([400, 'import.cell_too_long']);
    expect(long.json().error.message).toContain('第2行A列');
    const wide = await upload(resultsCsv([[...resultRow('T0000001'), ...Array(10).fill(''), '多余']]), 'wide.csv');
    expect([wide.statusCode, wide.json().error.code]).toEqual([400, 'import.too_wide']);
    const empty = await upload(resultsCsv([]), 'empty.csv');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.issues[0].reason).toBe('表格中没有数据行');
  });

  it('takes an instrument’s rows with a device token, and resolves retests: negative, and positive as a new infection record', async () => {
    const [pool] = await sampled(h, r.roundId, [people.slice(60, 70)]);
    const token = (
      await h.app.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'PCR-1' }, headers: { cookie: labCookie } })
    ).json().token as string;
    const post = (rows: object[]) =>
      h.app.inject({
        method: 'POST',
        url: '/api/testing/results',
        payload: { rows },
        headers: { authorization: `Bearer ${token}` },
      });
    const at = '2022-11-02T06:45:00+08:00';
    const first = await post([{ barcode: pool?.barcode, result: 'positive', orf1abCt: 31, nCt: 33, lab: '测试实验室', at }]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ rows: 1, recorded: 1, positivePools: 1 });
    expect((await post([{ barcode: pool?.barcode, result: 'positive', lab: '测试实验室', at }])).json()).toMatchObject({
      recorded: 0,
      unchanged: 1,
    });
    const bad = await post([
      { barcode: pool?.barcode, result: 'negative', lab: '测试实验室', at },
      { barcode: 'NOSUCH01', result: 'negative', lab: '测试实验室', at },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['rows.0.result', 'rows.1.barcode']);

    const [neg, positive] = (await tasksOf(pool?.id as number)) as [
      Awaited<ReturnType<typeof tasksOf>>[0],
      Awaited<ReturnType<typeof tasksOf>>[0],
    ];
    const negTube = await sampledForRetest(h, neg);
    const posTube = await sampledForRetest(h, positive);
    const seq = await lastSeq();
    const res = await post([
      { barcode: negTube, result: 'negative', lab: '测试实验室', at: '2022-11-02T06:50:00+08:00' },
      { barcode: posTube, result: 'positive', orf1abCt: 25, nCt: 27, lab: '测试实验室', at: '2022-11-02T06:55:00+08:00' },
    ]);
    expect(res.json()).toMatchObject({ recorded: 2, retestsResolved: 2 });
    const after = await tasksOf(pool?.id as number);
    expect(after.find((t) => t.id === neg.id)?.status).toBe('negative');
    const done = after.find((t) => t.id === positive.id);
    expect(done?.status).toBe('positive');
    const infection = (
      await h.pool.query(
        'SELECT kind, channel, report_date, report_hour, residence_node_id, person_id FROM positives WHERE id = $1',
        [done?.positive_id],
      )
    ).rows[0];
    expect(infection).toMatchObject({ kind: 'asymptomatic', channel: '社区筛查发现', report_hour: 6 });
    // Linked to the resident the retest sampled: the health code and the case list find whose infection it is.
    expect(Number(infection.person_id)).toBe(positive.personId);
    expect(String(infection.report_date).slice(0, 10)).toBe('2022-11-02');
    expect(Number(infection.residence_node_id)).toBe(Number(positive.path.split('/').filter(Boolean).at(-1)));
    expect(await events('testing.retest_positive', seq)).toEqual([
      { roundId: r.roundId, taskId: positive.id, personId: positive.personId, positiveId: Number(done?.positive_id) },
    ]);

    // The CDC's list: the pool, its people's retests, and a tube overdue for a result.
    const [late] = await sampled(h, r.roundId, [people.slice(70, 72)], new Date(h.clock.now().getTime() - 13 * 3600_000));
    const cdc = await h.ctx('cdc', '230100');
    const list = await lab.retests(cdc, { roundId: r.roundId, overdueHours: 12, pageSize: 20 });
    const shown = list.pools.find((p) => p.tubeId === pool?.id);
    expect(shown?.people).toHaveLength(10);
    expect(shown?.people.find((p) => p.taskId === positive.id)).toMatchObject({ status: 'positive', name: expect.any(String) });
    expect(list.counts.positive).toBeGreaterThanOrEqual(1);
    expect(list.overdue.map((t) => t.tubeId)).toContain(late?.id);
    expect(list.overdue.find((t) => t.tubeId === late?.id)?.hours).toBe(13);
    const outside = await lab
      .retests(await h.ctx('community', r.w.b.code), { roundId: r.roundId, overdueHours: 12, pageSize: 20 })
      .catch((e) => e);
    expect(outside.status).toBe(404);
  });
});
