import { rawQuery } from '../db/kysely';
import type { Ctx } from '../kit/context';
import { makeIdNumber } from '../modules/people/rules';
import { fiftyNine20221129 } from '../modules/surveillance/bulletin/fixtures/seed003-2022-11-29';
import { casesService } from '../modules/surveillance/cases/service';
import { clustersService } from '../modules/surveillance/clusters/service';
import { contactsService } from '../modules/surveillance/contacts/service';
import { GIVEN, SURNAMES } from './names';
import { rng } from './random';

/** The demo outbreak's day and window: seed 003's press conference, 2022年11月29日0-15时. */
export const DEMO_DAY = '2022-11-29';
const CLOSE_PER_CASE = 4;

/**
 * The demo city's outbreak day, entered through the surveillance services as the CDC would: seed 003's 59
 * positives (the console's press-summary preview of that day is seed 003's text), each linked to a resident
 * of the demo ledger in its district where there is one, 香坊区's twenty as one cluster whose chain is a tree,
 * a trajectory at registered places for each, four close contacts per case and a contact of every other one.
 * Before it, nine days of cases growing towards that day (same districts and channels, no contacts), so the
 * daily chart shows a curve. Runs once: nothing happens when the day already has positives. `cdc` is the context
 * of the CDC account it acts as (city-wide), so every record is scoped, audited and announced as theirs.
 */
export async function loadDemoOutbreak(cdc: Ctx): Promise<boolean> {
  if ((await rawQuery(cdc.db, 'SELECT 1 FROM positives WHERE report_date = $1 LIMIT 1', [DEMO_DAY])).rows.length) return false;
  const r = rng(20221129);
  const districts = new Map<string, { id: number; residents: string[]; places: { id: number; name: string }[] }>();
  // A subtree as an index range: paths hold digits and '/', which sort before '~' in the C collation.
  for (const row of (
    await rawQuery<{ name: string; id: number; residents: string[]; places: { id: number; name: string }[] }>(
      cdc.db,
      `SELECT d.name, d.id,
              ARRAY(SELECT id_number FROM people p WHERE p.terr_path >= d.path AND p.terr_path < d.path || '~' ORDER BY p.terr_path LIMIT 25) AS residents,
              ARRAY(SELECT json_build_object('id', n.id, 'name', n.name) FROM territory_nodes n
                     WHERE n.path >= d.path AND n.path < d.path || '~' AND n.type = 'place' ORDER BY n.path LIMIT 6) AS places
         FROM territory_nodes d WHERE d.depth = 1`,
    )
  ).rows)
    districts.set(row.name, { id: row.id, residents: row.residents.map((s) => s.trim()), places: row.places });

  // The nine days before, growing towards the seed's day, so the daily chart shows the outbreak's curve.
  const seedCases = fiftyNine20221129.positives;
  for (let back = 9; back >= 1; back--) {
    const date = new Date(Date.parse(`${DEMO_DAY}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0, n = Math.round(seedCases.length * 0.75 ** back); i < n; i++) {
      const like = r.pick(seedCases);
      const asymptomatic = r.next() < 0.1;
      await casesService.createPositive(cdc, {
        reportDate: date,
        reportHour: Math.floor((i * 24) / n),
        kind: asymptomatic ? 'asymptomatic' : 'confirmed',
        severity: asymptomatic ? undefined : 'mild',
        source: 'local',
        districtId: (districts.get(like.district) as { id: number }).id,
        channel: like.channel,
        contactOf: [],
        trajectory: [],
      });
    }
  }
  const ids: number[] = [];
  const xiangfang: number[] = [];
  for (const [i, p] of fiftyNine20221129.positives.entries()) {
    const d = districts.get(p.district);
    if (!d) throw new Error(`demo outbreak: no district named ${p.district}`);
    const resident = d.residents.shift();
    const place = d.places.length ? r.pick(d.places) : undefined;
    const created = await casesService.createPositive(cdc, {
      reportDate: DEMO_DAY,
      // Hours rise with the seed's order, so the day's records are in the order the seed lists them.
      reportHour: Math.floor((i * 15) / fiftyNine20221129.positives.length),
      kind: p.kind,
      severity: p.kind === 'confirmed' ? 'mild' : undefined,
      source: 'local',
      districtId: d.id,
      channel: p.channel,
      idNumber: resident,
      // 香坊区's cases form a tree: each one a close contact of an earlier one.
      contactOf: p.district === '香坊区' && xiangfang.length ? [xiangfang[(xiangfang.length - 1) >> 1] as number] : [],
      trajectory: place
        ? [
            {
              day: '2022-11-27',
              times: [{ from: `${String(r.int(8, 18)).padStart(2, '0')}:00`, to: '20:30' }],
              stop: { type: 'place', name: place.name },
              placeNodeId: place.id,
            },
          ]
        : [],
    });
    ids.push(created.id);
    if (p.district === '香坊区') xiangfang.push(created.id);
  }

  const person = (n: number) => ({
    name: `${r.pick(SURNAMES)}${r.pick(GIVEN)}${r.next() < 0.5 ? r.pick(GIVEN) : ''}`,
    idNumber: makeIdNumber('230110', `19${r.int(50, 99)}-0${r.int(1, 9)}-${r.int(10, 28)}`, n % 1000),
  });
  await contactsService.addContacts(cdc, {
    contacts: ids.flatMap((id, i) =>
      Array.from({ length: CLOSE_PER_CASE }, (_, k) => ({ kind: 'close' as const, sourcePositiveId: id, ...person(i * 8 + k) })),
    ),
  });
  const close = (
    await rawQuery<{ id: number }>(cdc.db, 'SELECT id FROM contacts WHERE source_positive_id = ANY($1) ORDER BY id', [ids])
  ).rows;
  await contactsService.addContacts(cdc, {
    contacts: close
      .filter((_, i) => i % 2 === 0)
      .map((c, i) => ({ kind: 'secondary' as const, sourceContactId: c.id, ...person(i * 8 + 500) })),
  });
  await clustersService.create(cdc, { name: '香坊区聚集性疫情', lineage: 'BA.5.2', positiveIds: xiangfang });
  return true;
}
