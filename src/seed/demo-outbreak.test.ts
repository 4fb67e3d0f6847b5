import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextForAccount } from '../modules/auth/actor';
import { fiftyNine20221129 } from '../modules/surveillance/bulletin/fixtures/seed003-2022-11-29';
import { renderBulletin } from '../modules/surveillance/bulletin/render';
import { harness } from '../test/harness';
import { DEMO_DAY, loadDemoOutbreak } from './demo-outbreak';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string; username: string };

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
});
afterAll(() => h.close());

describe('the demo outbreak day', () => {
  it('enters seed 003 through the services: its press summary previews as the seed, and a replay adds nothing', async () => {
    const actor = await contextForAccount(h.kit, cdc.username, 'test');
    // The shared test database may hold the day from an earlier run: then the loader must leave it alone.
    const fresh = !(await h.pool.query('SELECT 1 FROM positives WHERE report_date = $1', [DEMO_DAY])).rowCount;
    expect(await loadDemoOutbreak(actor)).toBe(fresh);
    expect(await loadDemoOutbreak(actor)).toBe(false);

    const preview = await h.app.inject({
      method: 'POST',
      url: '/api/surveillance/bulletins/preview',
      headers: { cookie: cdc.cookie },
      payload: {
        date: DEMO_DAY,
        fromHour: 0,
        toHour: 15,
        template: '2022-press-summary',
        fixedText: fiftyNine20221129.fixedText,
      },
    });
    expect(preview.json().text).toBe(renderBulletin('2022-press-summary', fiftyNine20221129));

    const counts = (
      await h.pool.query(
        `SELECT count(*)::int AS positives,
                (SELECT count(*)::int FROM contacts c JOIN positives p ON p.id = c.source_positive_id WHERE p.report_date = $1) AS close,
                (SELECT count(*)::int FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id WHERE c.name = '香坊区聚集性疫情') AS members
           FROM positives WHERE report_date = $1`,
        [DEMO_DAY],
      )
    ).rows[0];
    expect(counts).toEqual({ positives: 59, close: 59 * 4, members: 20 });
  });
});
