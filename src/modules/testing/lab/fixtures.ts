import { writeSheet } from '../../../lib/xlsx';
import type { harness } from '../../../test/harness';
import { sampled } from '../fixtures/round';
import { RESULT_COLUMNS } from './rules';

type Harness = Awaited<ReturnType<typeof harness>>;

/** A results row: 试管条码 检测结果 ORF1ab Ct N Ct 检测机构 检测时间. */
export const resultRow = (barcode: string, result = '阴性', at = '2022-11-02 06:30', ct: [string, string] = ['', '']) => [
  barcode,
  result,
  ct[0],
  ct[1],
  '哈尔滨市测试检测实验室',
  at,
];

const csvCell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);

/** A time as labs write it, in Beijing time (a minute ago, so it is never in the future). */
export function labTime(d: Date) {
  const l = new Date(d.getTime() + 8 * 3600_000 - 60_000);
  return l.toISOString().slice(0, 16).replace('T', ' ');
}

/** A results file as a lab's instrument exports it: CSV with the header row (UTF-8 with a BOM, CRLF). */
export const resultsCsv = (rows: string[][]) =>
  Buffer.from(
    `\uFEFF${[RESULT_COLUMNS.map((c) => c.header), ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`,
    'utf8',
  );

/** The same as an .xlsx sheet. */
export const resultsXlsx = (rows: string[][]) => writeSheet('检测结果', RESULT_COLUMNS, rows);

/**
 * The sampling part's retest scan, as the owner: a single retest tube for the person of an open task, the
 * sample, and the task marked sampled with it. Returns the tube's barcode.
 */
export async function sampledForRetest(h: Harness, task: { id: number; roundId: number; personId: number; path: string }) {
  const barcode = `R${task.id}X${h.tag}`.toUpperCase().replaceAll(/[^A-Z0-9]/g, '');
  const t = await h.pool.query(
    `INSERT INTO tubes (barcode, round_id, purpose, mode, capacity, size, terr_path, opened_scan, opened_at, closed_at)
     VALUES ($1, $2, 'retest', 'single', 1, 1, $3, gen_random_uuid(), $4, $4) RETURNING id`,
    [barcode, task.roundId, task.path, h.clock.now()],
  );
  const tubeId = Number(t.rows[0].id);
  await h.pool.query(
    `INSERT INTO samples (scan_id, round_id, tube_id, person_id, purpose, terr_path, sampled_at)
     VALUES (gen_random_uuid(), $1, $2, $3, 'retest', $4, $5)`,
    [task.roundId, tubeId, task.personId, task.path, h.clock.now()],
  );
  await h.pool.query(`UPDATE retest_tasks SET status = 'sampled', retest_tube_id = $2 WHERE id = $1`, [task.id, tubeId]);
  return barcode;
}

/** Samples residents into closed round tubes as the owner (fixtures/round.ts `sampled`, arguments in this order). */
export const sampledTubes = (
  h: Harness,
  roundId: number,
  groups: { id: number; path: string }[][],
  at = h.clock.now(),
  mode: 'pool10' | 'single' = 'pool10',
) => sampled(h, roundId, groups, mode, at);
