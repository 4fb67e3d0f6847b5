import { describe, expect, it } from 'vitest';
import { casesHref, contactsTile, monthDay, placeTasksTile, positiveTiles } from './rules';
import type { PositiveTally } from './store';

const day = '2022-11-29';
const districts = [
  { id: 5, code: '230103', name: '南岗区' },
  { id: 8, code: '230108', name: '平房区' },
];
const rows: PositiveTally[] = [
  { districtId: 5, channel: '社区筛查发现', kind: 'confirmed', onDay: 3, total: 10 },
  { districtId: 5, channel: '隔离管控人员中发现', kind: 'asymptomatic', onDay: 1, total: 2 },
  { districtId: 5, channel: '跨区域协查发现', kind: 'confirmed', onDay: 0, total: 4 },
];

describe('positiveTiles', () => {
  const [today, total, map, channels] = positiveTiles(day, rows, districts);

  it('sums the day and the cumulative figures by kind, each linked to its cases', () => {
    expect(today).toMatchObject({ kind: 'stat', value: 4, note: '11月29日', href: '/cases?date=2022-11-29' });
    expect(today?.kind === 'stat' && today.parts.map((p) => [p.value, p.href])).toEqual([
      [3, '/cases?date=2022-11-29&kind=confirmed'],
      [1, '/cases?date=2022-11-29&kind=asymptomatic'],
    ]);
    expect(total).toMatchObject({ value: 16, note: '截至11月29日', href: '/cases' });
  });

  it('gives every district in scope a row, zeros included, linked to its cases of the day and of all days', () => {
    expect(map?.kind === 'districts' && map.items).toEqual([
      { label: '南岗区', code: '230103', values: [4, 16], hrefs: ['/cases?date=2022-11-29&districtId=5', '/cases?districtId=5'] },
      { label: '平房区', code: '230108', values: [0, 0], hrefs: ['/cases?date=2022-11-29&districtId=8', '/cases?districtId=8'] },
    ]);
  });

  it('lists channels largest first on the day, then cumulatively', () => {
    expect(channels?.kind === 'bars' && channels.items.map((c) => [c.label, ...c.values])).toEqual([
      ['社区筛查发现', 3, 10],
      ['隔离管控人员中发现', 1, 2],
      ['跨区域协查发现', 0, 4],
    ]);
  });
});

describe('the other tiles', () => {
  it('counts contacts traced, by kind, and those under control', () => {
    const t = contactsTile([
      { kind: 'close', status: 'located', n: 5 },
      { kind: 'close', status: 'controlled', n: 2 },
      { kind: 'secondary', status: 'controlled', n: 1 },
    ]);
    expect(t.kind === 'stat' && [t.value, ...t.parts.map((p) => p.value)]).toEqual([8, 7, 1, 3]);
  });

  it('leads place tasks to the open list', () => {
    expect(placeTasksTile({ open: 3, done: 9 })).toMatchObject({ value: 3, href: '/place-tasks?status=open' });
  });

  it('writes days and links as the console reads them', () => {
    expect(monthDay('2022-01-05')).toBe('1月5日');
    expect(casesHref({ channel: '社区筛查发现', date: undefined })).toBe(
      `/cases?channel=${encodeURIComponent('社区筛查发现').replace(/%20/g, '+')}`,
    );
  });
});
