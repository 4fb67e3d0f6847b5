import { DatePicker, Form, Input, Select } from 'antd';
import { FormRows } from '../../components/form-rows';
import { normalizeInput, timeRule } from '../../components/form-rules';
import type { TrajectoryEntry } from '../../contracts';
import { PlaceInput, useLinkedPlaces } from './place-input';

/**
 * 活动轨迹 editor: one row per dated stop, a time or a range, at a place (name, address) or on a ride
 * (line, from stop, to stop), as the bulletin prints them.
 */
export function TrajectoryEditor() {
  const rows = (Form.useWatch('trajectory', Form.useFormInstance()) ?? []) as Partial<TrajectoryRow>[];
  const linked = useLinkedPlaces(rows.map((r) => r?.placeNodeId));
  return (
    <FormRows
      list="trajectory"
      addLabel="添加轨迹"
      row={(name) => (
        <>
          <Form.Item name={[name, 'day']} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker placeholder="日期" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item
            name={[name, 'from']}
            normalize={normalizeInput}
            rules={[{ required: true, message: '请填写时间，如 08:20' }, timeRule]}
          >
            <Input placeholder="时间 08:20" style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name={[name, 'to']} normalize={normalizeInput} rules={[timeRule]}>
            <Input placeholder="至 11:00" style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name={[name, 'type']} initialValue="place">
            <Select
              style={{ width: 90 }}
              options={[
                { value: 'place', label: '场所' },
                { value: 'ride', label: '乘车' },
              ]}
            />
          </Form.Item>
          <Form.Item name={[name, 'name']} rules={[{ required: true, message: '请填写场所名称或乘坐线路' }]}>
            <PlaceInput row={name} linked={linked} />
          </Form.Item>
          <Form.Item name={[name, 'placeNodeId']} hidden>
            <Input />
          </Form.Item>
          <Form.Item name={[name, 'extra']}>
            <Input placeholder="地址 / 起点站-终点站" style={{ width: 220 }} />
          </Form.Item>
        </>
      )}
    />
  );
}

export interface TrajectoryRow {
  day: { format(f: string): string };
  from: string;
  to?: string;
  type: 'place' | 'ride';
  name: string;
  extra?: string;
  placeNodeId?: number | null;
}

/**
 * Turns editor rows into the API's trajectory entries: rows of the same day at the same stop become one entry
 * with several times (08:00—09:00、17:00—18:00 at one place), in the order first entered.
 */
export const toEntries = (rows: TrajectoryRow[] = []): TrajectoryEntry[] => grouped(rows).entries;

/** `toEntries`, with the editor row of each entry's each time (`rowsOf[entry][time]`), to point errors back. */
function grouped(rows: TrajectoryRow[]) {
  const out = new Map<string, TrajectoryEntry>();
  const rowsOf = new Map<string, number[]>();
  rows.forEach((r, row) => {
    const [from = '', to = ''] = (r.extra ?? '').split(/[-—至]/).map((s) => s.trim());
    const stop: TrajectoryEntry['stop'] =
      r.type === 'ride'
        ? { type: 'ride', line: r.name, from, to }
        : { type: 'place', name: r.name, ...(r.extra ? { address: r.extra } : {}) };
    const day = r.day.format('YYYY-MM-DD');
    const placeNodeId = r.type === 'place' ? (r.placeNodeId ?? null) : null;
    const key = JSON.stringify([day, stop, placeNodeId]);
    const entry: TrajectoryEntry = out.get(key) ?? { day, times: [], stop, placeNodeId };
    entry.times.push(r.to ? { from: r.from, to: r.to } : { at: r.from });
    out.set(key, entry);
    rowsOf.set(key, [...(rowsOf.get(key) ?? []), row]);
  });
  return { entries: [...out.values()], rowsOf: [...rowsOf.values()] };
}

/** Where the server's stop fields sit in an editor row. */
const ROW_FIELD: Record<string, keyof TrajectoryRow> = {
  day: 'day',
  name: 'name',
  line: 'name',
  placeNodeId: 'name',
  address: 'extra',
  from: 'extra',
  to: 'extra',
  type: 'type',
};

/**
 * The editor field a refused entry's path names (`[2, 'times', 0, 'to']` → row 5's `to`), under `list`, the
 * form's name for the editor: the server speaks of grouped entries, the editor of rows.
 */
export function trajectoryFieldName(list: string, rows: TrajectoryRow[] = [], path: (string | number)[]) {
  const [entry, part, time, leaf] = path;
  const rowsOf = grouped(rows).rowsOf[Number(entry)];
  if (!rowsOf) return undefined;
  if (part === 'times') return [list, rowsOf[Number(time ?? 0)] ?? rowsOf[0] ?? 0, leaf === 'to' ? 'to' : 'from'];
  const field = part === 'stop' ? ROW_FIELD[String(time)] : ROW_FIELD[String(part)];
  return [list, rowsOf[0] ?? 0, field ?? 'name'];
}

/** The inverse of `toEntries`: one editor row per time of each entry. */
export const toRows = (entries: TrajectoryEntry[], day: (iso: string) => TrajectoryRow['day']): TrajectoryRow[] =>
  entries.flatMap((e) =>
    e.times.map((t) => ({
      day: day(e.day),
      from: 'at' in t ? t.at : t.from,
      to: 'at' in t ? undefined : t.to,
      type: e.stop.type === 'ride' ? ('ride' as const) : ('place' as const),
      name: (e.stop.type === 'ride' ? e.stop.line : e.stop.name) ?? '',
      extra: e.stop.type === 'ride' ? `${e.stop.from}-${e.stop.to}` : e.stop.address,
      placeNodeId: e.placeNodeId ?? null,
    })),
  );
