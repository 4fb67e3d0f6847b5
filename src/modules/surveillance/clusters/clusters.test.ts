import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
const day = freshDay();
const post = (url: string, payload: object, cookie = cdc.cookie) =>
  h.app.inject({ method: 'POST', url, payload, headers: { cookie } });

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
});
afterAll(() => h.close());

describe('clusters and the chain (聚集性疫情)', () => {
  it('counts a cluster’s cases per district, largest first, and draws who led to whom', async () => {
    const ids = Object.fromEntries(
      (await h.pool.query("SELECT name, id FROM territory_nodes WHERE name IN ('平房区', '阿城区')")).rows.map((r) => [
        r.name,
        Number(r.id),
      ]),
    );
    const add = async (district: string, contactOf: number[] = []) =>
      (
        await post('/api/surveillance/positives', {
          reportDate: day,
          reportHour: 8,
          kind: 'confirmed',
          districtId: ids[district],
          channel: '隔离管控人员中发现',
          contactOf,
        })
      ).json().id as number;
    const first = await add('平房区');
    const second = await add('平房区', [first]);
    const third = await add('阿城区', [first]);
    await post('/api/surveillance/contacts', { contacts: [{ kind: 'close', name: '快递员甲', sourcePositiveId: second }] });
    const contactId = (await h.pool.query('SELECT id FROM contacts WHERE source_positive_id = $1', [second])).rows[0].id;
    await post('/api/surveillance/contacts', {
      contacts: [{ kind: 'secondary', name: '家属乙', sourceContactId: Number(contactId) }],
    });

    const name = `中通快递聚集性疫情${day}`;
    const created = await post('/api/surveillance/clusters', { name, lineage: 'BA.5.2', positiveIds: [first, second, third] });
    expect(created.statusCode).toBe(200);
    expect((await post('/api/surveillance/clusters', { name, positiveIds: [first] })).json().error.code).toBe(
      'cluster.name_taken',
    );

    const { items } = (await h.app.inject({ url: '/api/surveillance/clusters', headers: { cookie: cdc.cookie } })).json();
    expect(items.find((c: { name: string }) => c.name === name)).toMatchObject({
      lineage: 'BA.5.2',
      cases: 3,
      districts: [
        { district: '平房区', cases: 2 },
        { district: '阿城区', cases: 1 },
      ],
    });

    const graph = (
      await h.app.inject({ url: `/api/surveillance/clusters/${created.json().id}/graph`, headers: { cookie: cdc.cookie } })
    ).json();
    expect(graph.nodes.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'close',
      'confirmed',
      'confirmed',
      'confirmed',
      'secondary',
    ]);
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { source: `p${first}`, target: `p${second}` },
        { source: `p${first}`, target: `p${third}` },
        { source: `p${second}`, target: `c${contactId}` },
      ]),
    );
    expect(graph.edges).toHaveLength(4);
    // A contact carries its status (the graph's side panel shows it; a new one is 待排查); a positive has none.
    expect(graph.nodes.find((n: { id: string }) => n.id === `c${contactId}`).status).toBe('pending');
    expect(graph.nodes.find((n: { id: string }) => n.id === `p${first}`).status).toBeUndefined();

    const daoli = await h.login('district', '230102');
    expect(
      (await h.app.inject({ url: `/api/surveillance/clusters/${created.json().id}/graph`, headers: { cookie: daoli.cookie } }))
        .statusCode,
    ).toBe(404);
  });
});
