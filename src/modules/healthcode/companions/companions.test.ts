import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../kit/context';
import { harness } from '../../../test/harness';
import { casesService } from '../../surveillance/cases/service';
import { roundOverCompound } from '../../testing/fixtures/round';
import { companionsService } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: Ctx;
let positiveId: number;
let people: { id: number; path: string }[];
const venue = {} as Record<'shop' | 'bus1' | 'bus2', number>;
const at = (hm: string) => new Date(`2022-11-24T${hm}:00+08:00`);

beforeAll(async () => {
  h = await harness('2022-11-25T12:00:00+08:00');
  const r = await roundOverCompound(h);
  people = r.built.dwellers;
  cdc = await h.ctx('cdc', '230100');
  const household = (await h.pool.query('SELECT household_id FROM people WHERE id = $1', [people[0]?.id])).rows[0].household_id;
  positiveId = (
    await casesService.createPositive(
      cdc,
      {
        reportDate: '2022-11-25',
        reportHour: 10,
        kind: 'asymptomatic',
        source: 'local',
        districtId: r.w.district,
        channel: '社区筛查发现',
        residenceNodeId: Number(household),
        contactOf: [],
        trajectory: [],
      },
      { personId: people[0]?.id as number },
    )
  ).id;
  const add = async (name: string, kind: string, line: string | null) =>
    Number(
      (
        await h.pool.query(
          `INSERT INTO venues (code, name, kind, node_id, terr_path, line, rule, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, '{"green": true, "negativeWithinHours": 72}', now()) RETURNING id`,
          [`V${h.tag}${name}`, name, kind, r.w.a.id, r.w.a.path, line],
        )
      ).rows[0].id,
    );
  venue.shop = await add('超市', 'supermarket', null);
  venue.bus1 = await add('11路1号车', 'bus', `11路${h.tag}`);
  venue.bus2 = await add('11路2号车', 'bus', `11路${h.tag}`);
  const scans: [number, number, Date][] = [
    [venue.shop, 0, at('10:00')], // the case
    [venue.bus1, 0, at('08:10')], // the case on the bus
    [venue.shop, 1, at('10:20')], // within the margin
    [venue.shop, 2, at('10:30')], // at its edge
    [venue.shop, 3, at('10:31')], // past it
    [venue.bus2, 4, at('08:50')], // the same line, the same hour
    [venue.bus2, 5, at('09:05')], // the next hour
    [venue.bus1, 6, at('08:12')], // the same bus
  ];
  await h.pool.query(
    `INSERT INTO venue_scans (venue_id, at, person_id, colour, pass)
     SELECT * , 'green', true FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[])`,
    [scans.map((s) => s[0]), scans.map((s) => s[2]), scans.map((s) => people[s[1]]?.id)],
  );
}, 60_000);
afterAll(() => h?.close());

describe('space-time companions of a case', () => {
  it('finds the scans in the widened windows and the riders of the same line in the same hour, not the case', async () => {
    const page = await companionsService.search(cdc, { positiveId, days: 14, entries: [], marginMinutes: 30 });
    expect(page.trajectory.map((e) => [e.venueId, e.own])).toEqual([
      [venue.bus1, true],
      [venue.shop, true],
    ]);
    const found = new Map(page.items.map((c) => [c.personId, c]));
    const who = (i: number) => people[i]?.id as number;
    expect([...found.keys()].sort((a, b) => a - b)).toEqual([who(1), who(2), who(4), who(6)].sort((a, b) => a - b));
    expect(found.get(who(4))?.byLine).toBe(true);
    expect(found.get(who(6))?.byLine).toBe(false);
    expect(found.get(who(1))?.name).toMatch(/^.\*+$/);
    expect(page.next).toBeNull();
  });

  it('a margin of 0 and an entry the CDC adds change the answer; a window backwards is refused naming it', async () => {
    const none = await companionsService.search(cdc, { positiveId, days: 14, entries: [], marginMinutes: 0 });
    expect(none.items.map((c) => c.personId)).not.toContain(people[1]?.id);
    const typed = await companionsService.search(cdc, {
      positiveId,
      days: 0,
      entries: [{ venueId: venue.shop, from: at('10:25').toISOString(), to: at('10:40').toISOString() }],
      marginMinutes: 0,
    });
    expect(typed.items.map((c) => c.personId).sort((a, b) => a - b)).toEqual(
      [people[2]?.id, people[3]?.id].sort((a, b) => (a as number) - (b as number)),
    );
    await expect(
      companionsService.search(cdc, {
        positiveId,
        days: 0,
        entries: [{ venueId: venue.shop, from: at('10:40').toISOString(), to: at('10:25').toISOString() }],
        marginMinutes: 0,
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('confirms candidates into the contact list once: a replay adds nothing', async () => {
    const ids = [people[1]?.id as number, people[4]?.id as number];
    expect(await companionsService.confirm(cdc, positiveId, ids)).toEqual({ added: 2 });
    expect(await companionsService.confirm(cdc, positiveId, ids)).toEqual({ added: 0 });
    await expect(companionsService.confirm(cdc, positiveId, [people[0]?.id as number])).rejects.toMatchObject({ status: 400 });
  });

  it('finds the venue of a hand-added entry by part of its name, with where it stands', async () => {
    const found = await companionsService.venues(cdc, '11路');
    const ours = found.items.filter((v) => v.id === venue.bus1 || v.id === venue.bus2);
    expect(ours.map((v) => v.name).sort()).toEqual(['11路1号车', '11路2号车']);
    expect(ours[0]?.trail.length).toBeGreaterThan(0);
    expect((await companionsService.venues(cdc, `无此场所${h.tag}`)).items).toEqual([]);
  });
});
