import type { OverviewTile } from '../../../kit/overview';
import type { PositiveTally } from './store';

/** A district-level unit in the caller's scope, as the territory names it. */
export interface District {
  id: number;
  code: string;
  name: string;
}

const KINDS = { confirmed: '确诊病例', asymptomatic: '无症状感染者' } as const;

/** The console's case list filtered by URL (the cases page reads these parameters). */
export const casesHref = (q: { date?: string; districtId?: number; channel?: string; kind?: string }) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `/cases?${s}` : '/cases';
};

/** '2022-11-28' as officials write it: 11月28日. */
export const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

const sum = (rows: readonly PositiveTally[], f: (r: PositiveTally) => boolean, v: 'onDay' | 'total') =>
  rows.reduce((n, r) => (f(r) ? n + r[v] : n), 0);

/**
 * The positives tiles of `day` from the tallies: on the day and cumulative, by kind, by district (every unit in
 * scope, zeros included, so the map shows them) and by channel (largest first, as bulletins list them).
 */
export function positiveTiles(day: string, rows: readonly PositiveTally[], districts: readonly District[]): OverviewTile[] {
  const note = `截至${monthDay(day)}`;
  const byKind = (v: 'onDay' | 'total', date?: string) =>
    (Object.keys(KINDS) as (keyof typeof KINDS)[]).map((k) => ({
      label: KINDS[k],
      value: sum(rows, (r) => r.kind === k, v),
      href: casesHref({ date, kind: k }),
    }));
  const today = byKind('onDay', day);
  const total = byKind('total');
  const channels = [...new Set(rows.map((r) => r.channel))]
    .map((c) => ({ c, on: sum(rows, (r) => r.channel === c, 'onDay'), all: sum(rows, (r) => r.channel === c, 'total') }))
    .sort((a, b) => b.on - a.on || b.all - a.all || a.c.localeCompare(b.c, 'zh'));
  return [
    {
      kind: 'stat',
      key: 'positives.day',
      title: '当日新增阳性感染者',
      unit: '例',
      note: monthDay(day),
      value: today.reduce((n, x) => n + x.value, 0),
      href: casesHref({ date: day }),
      parts: today,
    },
    {
      kind: 'stat',
      key: 'positives.total',
      title: '累计阳性感染者',
      unit: '例',
      note,
      value: total.reduce((n, x) => n + x.value, 0),
      href: casesHref({}),
      parts: total,
    },
    {
      kind: 'districts',
      key: 'positives.districts',
      title: '各区县阳性感染者',
      unit: '例',
      note,
      measures: ['当日新增', '累计'],
      items: districts.map((d) => ({
        label: d.name,
        code: d.code,
        values: [sum(rows, (r) => r.districtId === d.id, 'onDay'), sum(rows, (r) => r.districtId === d.id, 'total')],
        hrefs: [casesHref({ date: day, districtId: d.id }), casesHref({ districtId: d.id })],
      })),
    },
    {
      kind: 'bars',
      key: 'positives.channels',
      title: '发现途径',
      unit: '例',
      note,
      measures: ['当日新增', '累计'],
      items: channels.map((x) => ({
        label: x.c,
        values: [x.on, x.all],
        hrefs: [casesHref({ date: day, channel: x.c }), casesHref({ channel: x.c })],
      })),
    },
  ];
}

/** The daily trend: new positives per report day, stacked by classification; a day opens its cases. */
export function trendTile(days: readonly { date: string; confirmed: number; asymptomatic: number }[]): OverviewTile {
  return {
    kind: 'trend',
    key: 'positives.trend',
    title: '每日新增阳性感染者',
    unit: '例',
    note: days.length ? `近${days.length}日` : undefined,
    days: days.map((d) => d.date),
    series: [
      { name: KINDS.confirmed, values: days.map((d) => d.confirmed) },
      { name: KINDS.asymptomatic, values: days.map((d) => d.asymptomatic) },
    ],
    hrefs: days.map((d) => casesHref({ date: d.date })),
  };
}

/** Contacts traced and under control (已管控), by kind. */
export function contactsTile(rows: readonly { kind: string; status: string; n: number }[]): OverviewTile {
  const count = (f: (r: { kind: string; status: string }) => boolean) => rows.reduce((n, r) => (f(r) ? n + r.n : n), 0);
  return {
    kind: 'stat',
    key: 'contacts.traced',
    title: '累计排查密接',
    unit: '人',
    value: count(() => true),
    href: '/contacts',
    parts: [
      { label: '密切接触者', value: count((r) => r.kind === 'close'), href: '/contacts?kind=close' },
      { label: '密接的密接', value: count((r) => r.kind === 'secondary'), href: '/contacts?kind=secondary' },
      { label: '已管控', value: count((r) => r.status === 'controlled'), href: '/contacts?status=controlled' },
    ],
  };
}

/** Terminal disinfection and closure of the places cases visited: open and done. */
export function placeTasksTile(t: { open: number; done: number }): OverviewTile {
  return {
    kind: 'stat',
    key: 'place_tasks.open',
    title: '待处置场所任务',
    unit: '项',
    value: t.open,
    href: '/place-tasks?status=open',
    parts: [
      { label: '待处置', value: t.open, href: '/place-tasks?status=open' },
      { label: '已完成', value: t.done, href: '/place-tasks?status=done' },
    ],
  };
}
