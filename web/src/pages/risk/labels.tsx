import { Tag } from 'antd';
import { LEVELS, ZONES } from '../../../../src/modules/risk/rules';

export { areaLabel, hourZh } from '../../../../src/modules/risk/rules';

const LEVEL_COLOURS: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };
const ZONE_COLOURS: Record<string, string> = { sealed: 'magenta', controlled: 'gold', precaution: 'blue', none: 'default' };

export const LEVEL_OPTIONS = Object.entries(LEVELS).map(([value, label]) => ({ value, label }));
export const ZONE_OPTIONS = Object.entries(ZONES).map(([value, label]) => ({
  value,
  label: value === 'none' ? '不设管控区' : label,
}));

/** 高风险区 in red, 中风险区 in orange, 低风险区 in green. */
export const LevelTag = ({ level }: { level: string }) => (
  <Tag color={LEVEL_COLOURS[level]}>{LEVELS[level as keyof typeof LEVELS] ?? level}</Tag>
);

/** 封控区, 管控区, 防范区 (nothing for none). */
export const ZoneTag = ({ zone }: { zone: string }) =>
  zone === 'none' ? null : <Tag color={ZONE_COLOURS[zone]}>{ZONES[zone as keyof typeof ZONES] ?? zone}</Tag>;

/** A picked wall-clock hour as Beijing time (the notices' time), whatever the browser's time zone. */
export const beijing = (d: { format(f: string): string }) => `${d.format('YYYY-MM-DDTHH:mm:00')}+08:00`;
