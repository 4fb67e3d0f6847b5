import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../kit/context';
import { harness } from '../../test/harness';
import { buildCompound } from '../risk/fixtures/compound';
import { type PersonKey, peopleStore, searchWalk } from './store';

// A text search's page reads the first residents in the list's order, then the search's own index after them
// (store.ts `walked`): whatever the split, the pages are the matches in the list's order, each once.
let h: Awaited<ReturnType<typeof harness>>;
let path: string;

beforeAll(async () => {
  h = await harness();
  const w = await h.world();
  const built = await buildCompound(h, w.a.id, {
    name: `玲珑苑${h.tag}`,
    buildings: ['1栋', '2栋', '3栋'].map((name) => ({ name, units: [{ name: '1单元', households: [3, 2, 4, 3] }] })),
  });
  path = built.compound.path;
  // Every third resident's name holds 玲; two hold the rarer 玲珑; one lives at an address with 2702室.
  const ids = built.dwellers.map((d) => d.id);
  await h.pool.query(`UPDATE people SET name = '王玲' WHERE id = ANY($1)`, [ids.filter((_, i) => i % 3 === 0)]);
  await h.pool.query(`UPDATE people SET name = '李玲珑' WHERE id = ANY($1)`, [[ids[4], ids[31]]]);
  await h.pool.query(`UPDATE people SET actual_address = '3栋1单元2702室' WHERE id = $1`, [ids[20]]);
});
afterAll(() => {
  searchWalk.rows = 10_000;
  return h.close();
});

async function walk(f: { name?: string; address?: string }, size: number) {
  const store = peopleStore(system(h.kit));
  const seen: number[] = [];
  let after: PersonKey | undefined;
  for (;;) {
    const page = await store.page({ underPath: path, ...f }, after, size);
    seen.push(...page.map((p) => p.id));
    const last = page.at(-1);
    if (page.length < size || !last) return seen;
    after = [last.terrPath, last.id];
  }
}

const bare = async (where: string, value: string) =>
  (
    await h.pool.query(`SELECT id FROM people WHERE terr_path LIKE $1 AND ${where} ORDER BY terr_path, id`, [`${path}%`, value])
  ).rows.map((r) => Number(r.id));

describe('a text search read through the list first, then its own index', () => {
  it('pages every match once, in the list’s order, wherever the read through the list ends', async () => {
    const common = await bare(`name LIKE '%' || $2 || '%'`, '玲');
    const rare = await bare(`name LIKE '%' || $2 || '%'`, '玲珑');
    const address = await bare(`actual_address LIKE '%' || $2 || '%'`, '2702室');
    expect([common.length, rare.length, address.length]).toEqual([14, 2, 1]);
    for (const rows of [1, 2, 5, 7, 36, 10_000]) {
      searchWalk.rows = rows;
      for (const size of [1, 3, 5, 21]) {
        expect(await walk({ name: '玲' }, size), `walk ${rows}, pages of ${size}`).toEqual(common);
        expect(await walk({ name: '玲珑' }, size)).toEqual(rare);
        expect(await walk({ address: '2702室' }, size)).toEqual(address);
      }
    }
  });
});
