// What the citizens' phone pages (/public/code, /v/<code>) share: the colours as drawn and the time as shown.

/** A colour's name, band and the line under it. */
export const COLOUR = {
  green: { zh: '绿码', band: '#1f9d55', text: '可正常通行' },
  yellow: { zh: '黄码', band: '#e0a800', text: '请按要求进行核酸检测' },
  red: { zh: '红码', band: '#c0392b', text: '请配合社区落实管控措施' },
} as const;

/** When a time shows on the phone: 11月27日 10:05 (China Standard Time). */
export const timeZh = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};
