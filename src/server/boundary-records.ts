import { freshDay } from '../test/fresh-day';
import type { harness } from '../test/harness';
import { freshId, ledgerFile, multipart, row } from '../test/ledger-file';

type Harness = Awaited<ReturnType<typeof harness>>;
type World = Awaited<ReturnType<Harness['world']>>;

/** What a record maker gets: the harness, the test's street with communities A and B, and a city-wide CDC cookie. */
export interface RecordSetup {
  h: Harness;
  w: World;
  /** A cookie for a new account of `role` scoped to `scopeCode`. */
  as(role: Parameters<Harness['login']>[0], scopeCode: string): Promise<string>;
}

/**
 * One real record per GET route with `territory` scope that reads a record by id, lying OUTSIDE community B
 * (in community A, or filed in another district): the boundary test asks for it as every permitted role scoped
 * to B and expects 404, and as the maker's city-wide account and expects 200. A module adding such a route adds
 * its maker here (through the HTTP API, so it survives the module's refactors), or a `cityWide` reason when the
 * record is published for the whole city; the boundary test fails for a route that has neither.
 */
export const RECORDS: Record<
  string,
  { make: (s: RecordSetup) => Promise<number>; reader: Parameters<Harness['login']>[0] } | { cityWide: string }
> = {
  '/api/territory/nodes/:id': { make: async ({ w }) => w.a.id, reader: 'admin' },
  '/api/territory/nodes/:id/children': { make: async ({ w }) => w.a.id, reader: 'admin' },
  '/api/people/:id': { make: (s) => residentElsewhere(s), reader: 'admin' },
  '/api/people/:id/household': { make: (s) => residentElsewhere(s), reader: 'admin' },
  '/api/surveillance/positives/:id': { make: (s) => positiveElsewhere(s), reader: 'cdc' },
  '/api/surveillance/clusters/:id/graph': {
    reader: 'cdc',
    make: async (s) => {
      const id = await positiveElsewhere(s);
      const res = await post(s, '/api/surveillance/clusters', { name: `边界聚集${s.h.tag}${id}`, positiveIds: [id] });
      return res.json().id;
    },
  },
  '/api/risk/areas/:id': { make: (s) => areaElsewhere(s), reader: 'city_hq' },
  '/api/testing/rounds/:id': { make: (s) => roundElsewhere(s), reader: 'city_hq' },
  '/api/testing/rounds/:id/exemptions': { make: (s) => roundElsewhere(s), reader: 'city_hq' },
  '/api/testing/rounds/:id/slots': { make: (s) => roundElsewhere(s), reader: 'city_hq' },
  '/api/testing/rounds/:id/plan': { make: (s) => roundElsewhere(s), reader: 'city_hq' },
  '/api/testing/points/:id': { make: (s) => pointElsewhere(s), reader: 'city_hq' },
  '/api/testing/rounds/:id/door-tasks': { make: (s) => roundElsewhere(s), reader: 'admin' },
  '/api/testing/rounds/:id/coverage': { make: (s) => roundElsewhere(s), reader: 'city_hq' },
  '/api/testing/rounds/:id/missing': { make: (s) => roundElsewhere(s), reader: 'city_hq' },
  '/api/testing/rounds/:id/missing/export': { make: (s) => roundElsewhere(s), reader: 'city_hq' },
  '/api/testing/rounds/:id/speed': { make: (s) => roundElsewhere(s), reader: 'city_hq' },
  '/api/healthcode/venues/:id': { make: (s) => venueElsewhere(s), reader: 'admin' },
  '/api/healthcode/venues/:id/children': { make: (s) => venueElsewhere(s), reader: 'admin' },
  '/api/surveillance/bulletins/:id': { cityWide: 'a bulletin is published for the whole city' },
  '/api/surveillance/bulletins/:id/docx': { cityWide: 'a bulletin is published for the whole city' },
  '/api/surveillance/bulletins/:id/text': { cityWide: 'a bulletin is published for the whole city' },
  '/api/surveillance/reminders/:id': { cityWide: 'a reminder is published for the whole city' },
  '/api/surveillance/reminders/:id/docx': { cityWide: 'a reminder is published for the whole city' },
  '/api/surveillance/reminders/:id/text': { cityWide: 'a reminder is published for the whole city' },
  '/api/notices/:id': { cityWide: 'a risk-level notice is published for the whole city' },
  '/api/notices/:id/docx': { cityWide: 'a risk-level notice is published for the whole city' },
  '/api/notices/:id/text': { cityWide: 'a risk-level notice is published for the whole city' },
  '/api/policy/editions/:id': { cityWide: 'the whole city follows one policy edition at a time' },
  '/api/elsewhere/areas/:id/history': { cityWide: "other cities' risk areas are one registry every scope reads" },
};

const post = async ({ h, as }: RecordSetup, url: string, payload: object) =>
  h.app.inject({ method: 'POST', url, payload, headers: { cookie: await as('cdc', '230100') } });

/** A resident imported into the test street's community a (`w.a`), read back by its id. */
async function residentElsewhere({ h, w, as }: RecordSetup): Promise<number> {
  const cookie = await as('community', w.a.code);
  const m = multipart(await ledgerFile([row('边界甲', freshId())]));
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/people/import',
    payload: m.payload,
    headers: { ...m.headers, cookie },
  });
  if (res.statusCode !== 200) throw new Error(`import: ${res.body}`);
  const list = await h.app.inject({ url: '/api/people', headers: { cookie } });
  return list.json().items[0].id;
}

/** A positive filed in 阿城区, a district other than the test street's. */
async function positiveElsewhere(s: RecordSetup): Promise<number> {
  const acheng = (await s.h.pool.query("SELECT id FROM territory_nodes WHERE name = '阿城区'")).rows[0].id;
  const res = await post(s, '/api/surveillance/positives', {
    reportDate: freshDay(),
    reportHour: 8,
    kind: 'confirmed',
    districtId: Number(acheng),
    channel: '隔离管控人员中发现',
  });
  if (res.statusCode !== 200) throw new Error(`positive: ${res.body}`);
  return res.json().id;
}

/** A risk area drawn by the city HQ on a compound of the test street's community a (`w.a`). */
async function areaElsewhere({ h, w, as }: RecordSetup): Promise<number> {
  const compound = await h.node(w.a.id, 'compound', `边界小区${h.tag}${Math.random().toString(36).slice(2, 6)}`);
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/risk/areas',
    payload: { nodeId: compound.id, nodeType: 'compound', name: compound.name, part: { kind: 'whole' } },
    headers: { cookie: await as('city_hq', '230100') },
  });
  if (res.statusCode !== 200) throw new Error(`risk area: ${res.body}`);
  return res.json().id;
}

/** Round numbers for the records below: each route's record is its own round of the same community. */
let roundNumber = 0;

/** A testing round of the test street's community a (`w.a`) alone, opened by the city HQ. */
async function roundElsewhere({ h, w, as }: RecordSetup): Promise<number> {
  roundNumber += 1;
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/testing/rounds',
    payload: { number: roundNumber, nodeIds: [w.a.id], startsAt: h.clock.now().toISOString() },
    headers: { cookie: await as('city_hq', '230100') },
  });
  if (res.statusCode !== 200) throw new Error(`testing round: ${res.body}`);
  return res.json().id;
}

/** A sampling point in community A serving community A only. */
async function pointElsewhere({ h, w, as }: RecordSetup): Promise<number> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/testing/points',
    payload: { name: '边界采样点', nodeId: w.a.id, opensAt: '07:00', closesAt: '19:00', posts: 2, communityIds: [w.a.id] },
    headers: { cookie: await as('city_hq', '230100') },
  });
  if (res.statusCode !== 200) throw new Error(`sampling point: ${res.body}`);
  return res.json().id;
}

/** A logistics park registered in the test street's community a (`w.a`), read back by its id. */
async function venueElsewhere({ h, w, as }: RecordSetup): Promise<number> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/healthcode/venues',
    payload: { kind: 'logistics_park', name: `边界物流园${h.tag}-${Math.random().toString(36).slice(2, 8)}`, nodeId: w.a.id },
    headers: { cookie: await as('admin', '230100') },
  });
  if (res.statusCode !== 200) throw new Error(`venue: ${res.body}`);
  return res.json().id;
}
