import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../kit/context';
import { storeSql } from '../../test/sql-snapshot';
import { positivesStore } from './cases/store';
import { channelsStore } from './channels/store';
import { clustersStore } from './clusters/store';
import { contactsStore } from './contacts/store';
import { overviewStore } from './overview/store';
import { placeTasksStore } from './places/store';

const at = new Date('2021-11-04T00:00:00Z');

/** The stores also read the clock and the actor: a snapshot's context is the system's, at a fixed instant. */
const on =
  <S>(store: (ctx: Ctx) => S) =>
  (c: Pick<Ctx, 'db' | 'scopePath'>) =>
    store({ ...c, actor: null, now: () => at } as unknown as Ctx);

const positive = {
  reportDate: '2021-11-04',
  reportHour: 8,
  kind: 'confirmed',
  severity: null,
  source: 'local',
  districtId: 5,
  terrPath: '/1/5/',
  residenceNodeId: null,
  residence: null,
  origin: null,
  channel: '隔离观察',
  relationships: null,
  transferredTo: null,
  personId: null,
  reclassifiedFrom: null,
} as const;

describe('surveillance store SQL', () => {
  it('is the committed queries.sql (regenerate: npx vitest run src/modules/surveillance/queries.test.ts -u)', async () => {
    const sql = [
      await storeSql('positivesStore', on(positivesStore), {
        insert: (s) => s.insert(positive),
        link: (s) => s.link(1, [2, 3]),
        visible: (s) => s.visible([1, 2]),
        districtsOf: (s) => s.districtsOf([1, 2]),
        idsByRef: (s) => s.idsByRef([{ date: '2021-11-04', kind: 'confirmed', number: 1 }]),
        byId: (s) => s.byId(1),
        inWindow: (s) => s.inWindow('2021-11-04', 0, 24),
        page: (s) => s.page({}, 21),
        pageFiltered: (s) => s.page({ date: '2021-11-04', kind: 'confirmed', after: ['2021-11-04', 'confirmed', 20] }, 21),
        matching: (s) => s.matching({ date: '2021-11-04' }).execute(),
        // The case list as the overview's figures open it.
        pageOfDistrictAndChannel: (s) => s.page({ districtId: 5, channel: '社区筛查发现' }, 21),
        daily: (s) => s.daily(14, '2021-11-04'),
        trajectories: (s) => s.trajectories([1, 2]),
      }),
      // Calls that write only once they found their parent row.
      await storeSql(
        'positivesStore, a parent found',
        on(positivesStore),
        {
          replaceTrajectory: (s) =>
            s.replaceTrajectory(1, [
              { day: '2021-11-03', times: [{ at: '08:00' }], stop: { type: 'place', name: 'p' }, placeNodeId: null },
            ]),
        },
        '/1/5/',
        [{ id: 1, district_id: 5 }],
      ),
      await storeSql('contactsStore', on(contactsStore), {
        upsertMany: (s) =>
          s.upsertMany([
            {
              kind: 'close',
              name: 'n',
              idNumber: null,
              phone: null,
              sourcePositiveId: 1,
              sourceContactId: null,
              districtId: 5,
              terrPath: '/1/5/',
            },
          ]),
        page: (s) => s.page({}, 21),
        pageFiltered: (s) =>
          s.page({ kind: 'close', status: 'located', positiveId: 1, after: ['2021-11-04T00:00:00.000Z', 9] }, 21),
        pageSearched: (s) => s.page({ districtId: 5, name: '王_%', idNumber: '110101199001011234', phone: '13912345678' }, 21),
        statusOf: (s) => s.statusOf(1),
        countByStatus: (s) => s.countByStatus({ positiveId: 1 }),
        matching: (s) => s.matching({ kind: 'close' }).execute(),
        setStatus: (s) => s.setStatus(1, 'controlled', 'home'),
        placesOf: (s) => s.placesOf([1, 2]),
        closeByIdNumber: (s) => s.closeByIdNumber(['110101199001011234']),
        controlledIdNumbers: (s) => s.controlledIdNumbers('centralized', '110101199001011234', 1000),
        totals: (s) => s.totals(at),
      }),
      await storeSql('clustersStore', on(clustersStore), {
        list: (s) => s.list(),
        members: (s) => s.members(1),
        chain: (s) => s.chain([1, 2]),
        contactsFrom: (s) => s.contactsFrom('secondary', [1, 2], 50),
      }),
      await storeSql(
        'clustersStore, the name free',
        on(clustersStore),
        { insert: (s) => s.insert({ name: 'c', lineage: null, positiveIds: [1, 2] }) },
        '/1/5/',
        [{ id: 1 }],
      ),
      await storeSql('placeTasksStore', on(placeTasksStore), {
        open: (s) => s.open(1, [{ place: 'p', node: null, path: '/1/5/' }]),
        listOpen: (s) => s.list('open', 1, 20),
        listDone: (s) => s.list('done', 1, 20),
        ofPositive: (s) => s.ofPositive(1),
        complete: (s) => s.complete(1),
      }),
      // The channel list is city-wide: only a city-wide context writes it.
      await storeSql(
        'channelsStore',
        on(channelsStore),
        {
          list: (s) => s.list(false),
          create: (s) => s.create({ name: 'c', period: '2022' }),
          update: (s) => s.update(1, { active: false }),
        },
        '/1/',
      ),
      await storeSql('overviewStore', on(overviewStore), {
        latestDay: (s) => s.latestDay('2021-11-04'),
        positives: (s) => s.positives('2021-11-04'),
        contacts: (s) => s.contacts(),
        placeTasks: (s) => s.placeTasks(),
      }),
    ].join('\n');
    await expect(sql).toMatchFileSnapshot('./queries.sql');
  });
});
