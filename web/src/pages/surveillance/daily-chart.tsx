import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api';
import { Bars } from '../../components/bar-chart';

interface Day {
  date: string;
  confirmed: number;
  asymptomatic: number;
}

const daily = (days: number) => ({
  queryKey: ['positives-daily', days],
  queryFn: () => api.get<{ items: Day[] }>(`/api/surveillance/positives/daily?days=${days}`),
});

/** The latest report day in the caller's scope (the day a page about "today's" cases should open on). */
export function useLatestReportDay(): { date?: string; loading: boolean } {
  const q = useQuery(daily(1));
  return { date: q.data?.items.at(-1)?.date, loading: q.isLoading };
}

/** 每日新增: new positives per day over the last 30 report days in scope, by kind; a click picks the day. */
export function DailyChart({ onPick }: { onPick: (date: string) => void }) {
  const { data } = useQuery(daily(30));
  const items = data?.items ?? [];
  const categories = useMemo(() => items.map((d) => d.date.slice(5)), [items]);
  const series = useMemo(
    () => [
      { name: '确诊病例', values: items.map((d) => d.confirmed), color: '#c0392b' },
      { name: '无症状感染者', values: items.map((d) => d.asymptomatic), color: '#e67e22' },
    ],
    [items],
  );
  if (!items.length) return null;
  return (
    <div data-testid="daily-chart">
      <Typography.Text type="secondary">每日新增（截至{items.at(-1)?.date}，点击柱条查看当日病例）</Typography.Text>
      <Bars categories={categories} series={series} stacked height={200} onPick={(i) => onPick(items[i]?.date as string)} />
    </div>
  );
}
