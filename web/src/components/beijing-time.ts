/** A stored moment as Beijing time (2022/11/25 20:00:00), whatever the browser's zone; '—' when there is none. */
export const beijingTime = (s: string | null | undefined) =>
  s ? new Date(s).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) : '—';
