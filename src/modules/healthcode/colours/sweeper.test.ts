import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../kit/context';
import { harness } from '../../../test/harness';
import { buildCompound } from '../../risk/fixtures/compound';
import { SMALL_COMPOUND } from '../../testing/fixtures/round';
import * as reason from './reasons';
import { coloursService } from './service';
import { sweep } from './sweeper';

let h: Awaited<ReturnType<typeof harness>>;
let people: { id: number; path: string }[];
const NOW = new Date('2022-11-27T10:00:00+08:00');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);

beforeAll(async () => {
  h = await harness(NOW.toISOString());
  const w = await h.world();
  people = (await buildCompound(h, w.a.id, SMALL_COMPOUND(`巡检小区${h.tag}`))).dwellers.slice(0, 9);
});
afterAll(() => h?.close());

const colours = async (ps: { id: number }[]) =>
  Promise.all(ps.map(async (p) => (await coloursService.codeOf(system(h.kit), p.id)).colour));

describe('the sweeper: colours change by themselves as facts begin and end', () => {
  it('recomputes everyone whose fact ended or began in its window, more people than one statement takes', async () => {
    const ending = people.slice(0, 5);
    const beginning = people.slice(5, 8);
    const fact = (p: { id: number; path: string }, since: Date, until: Date | null) => ({
      personId: p.id,
      terrPath: p.path,
      kind: 'missed_round' as const,
      source: `round:sweep-${h.tag}`,
      reason: reason.missedRound(3),
      since,
      until,
    });
    await coloursService.recordFacts(
      system(h.kit),
      [...ending.map((p) => fact(p, hours(-1), hours(1))), ...beginning.map((p) => fact(p, hours(1), null))],
      'test',
    );
    expect(await colours(ending)).toEqual(Array(5).fill('yellow'));
    expect(await colours(beginning)).toEqual(Array(3).fill('green'));

    h.clock.set(hours(2));
    // Two people a statement: eight people in the window take four statements, and all of them are recomputed.
    // (Other test files share the database and the hour: the pass may hold their people too.)
    const pass = await sweep(h.kit, NOW, hours(2), 2);
    expect(pass?.people).toBeGreaterThanOrEqual(8);
    expect(pass?.changed).toBeGreaterThanOrEqual(8);
    expect(await colours(ending)).toEqual(Array(5).fill('green'));
    expect(await colours(beginning)).toEqual(Array(3).fill('yellow'));
    expect(await colours([people[8] as { id: number }])).toEqual(['green']);
    // The same window again changes nothing twice.
    const versions = async () => Promise.all(people.map(async (p) => (await coloursService.codeOf(system(h.kit), p.id)).version));
    const before = await versions();
    await sweep(h.kit, NOW, hours(2), 2);
    expect(await versions()).toEqual(before);
  });
});
