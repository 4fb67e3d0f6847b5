import dayjs from 'dayjs';
import type { ElsewhereArea } from '../../contracts';

/** Chinese names and colours of other cities' risk levels. */
export const LEVEL_LABELS: Record<string, string> = { high: '高风险', medium: '中风险', low: '低风险' };
export const LEVEL_COLORS: Record<string, string> = { high: 'red', medium: 'orange', low: 'blue' };
export const LEVEL_OPTIONS = Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }));

/** 河北省石家庄市深泽县河庄村: an area with where it lies, as the reminders print it. */
export const placeOf = (a: Pick<ElsewhereArea, 'province' | 'city' | 'district' | 'name'>) =>
  `${a.province}${a.city}${a.district ?? ''}${a.name}`;

/** 2021-11-04 03:00: a start or an end as the console shows it. */
export const timeOf = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

/** A DatePicker with time whose form value is the ISO instant (with its offset) the API takes. */
export const instantField = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: dayjs.Dayjs | null) => d?.format(),
};
