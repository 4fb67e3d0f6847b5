import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, qs } from '../../api';
import { Bars, type Series } from '../../components/bar-chart';
import type { TestingCompare, TestingSpeed } from '../../contracts';
import { n, roundOptions, useRounds } from './coverage-rounds';

type Point = TestingSpeed['points'][number];

const MARKS = [
  { key: 'h90', label: '90%' },
  { key: 'h99', label: '99%' },
  { key: 'h100', label: '100%' },
] as const;
const COLOURS = { earlier: ['#bae0ff', '#69b1ff', '#1677ff'], later: ['#d9f7be', '#95de64', '#389e0d'] };
const hours = (h: number | null) => (h === null ? '未达到' : `${h.toFixed(1)} 小时`);

/** Samples per hour of the busiest points (the rest would only crowd the chart), stacked by point. */
function throughputSeries(points: Point[]): { categories: string[]; series: Series[] } {
  const shown = [...points].sort((a, b) => b.total - a.total).slice(0, 8);
  const hoursSeen = [...new Set(shown.flatMap((p) => p.hours.map((h) => h.at)))].sort();
  return {
    categories: hoursSeen.map((h) => new Date(h).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: 'numeric' })),
    series: shown.map((p) => ({
      name: p.name,
      values: hoursSeen.map((h) => p.hours.find((x) => x.at === h)?.samples ?? 0),
    })),
  };
}

/**
 * 进度: two rounds side by side, per community the hours from each round's start to 90%, 99% and 100% of its
 * target, the average in the papers' words (第四轮平均用时比第三轮减少了3个多小时), and each point's samples per hour.
 */
export function SpeedTab() {
  const rounds = useRounds();
  const items = rounds.data?.items ?? [];
  const [a, setA] = useState<number>();
  const [b, setB] = useState<number>();
  const later = a ?? items[0]?.id;
  const earlier = b ?? items[1]?.id;
  const compare = useQuery({
    queryKey: ['testing-compare', later, earlier],
    queryFn: () => api.get<TestingCompare>(`/api/testing/speed/compare${qs({ a: later, b: earlier })}`),
    enabled: later !== undefined && earlier !== undefined && later !== earlier,
  });
  const speed = useQuery({
    queryKey: ['testing-speed', later],
    queryFn: () => api.get<TestingSpeed>(`/api/testing/rounds/${later}/speed`),
    enabled: later !== undefined,
    refetchInterval: 30_000,
  });
  const c = compare.data;
  const chart = useMemo(() => {
    if (!c) return undefined;
    const rows = c.communities;
    const series: Series[] = (['earlier', 'later'] as const).flatMap((which) =>
      MARKS.map((m, i) => ({
        name: `${which === 'earlier' ? c.earlier.name.replace('全员核酸检测', '') : c.later.name.replace('全员核酸检测', '')} ${m.label}`,
        values: rows.map((r) => r[which][m.key] ?? 0),
        color: COLOURS[which][i],
      })),
    );
    return { categories: rows.map((r) => r.name), series };
  }, [c]);
  const perHour = useMemo(() => throughputSeries(speed.data?.points ?? []), [speed.data]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <span>对比</span>
        <Select style={{ width: 260 }} value={later} onChange={setA} options={roundOptions(items)} placeholder="轮次" />
        <span>与</span>
        <Select style={{ width: 260 }} value={earlier} onChange={setB} options={roundOptions(items)} placeholder="轮次" />
      </Space>
      {items.length < 2 && <Alert type="info" showIcon title="组织两轮检测后可对比用时" />}
      {compare.error && <Alert type="error" showIcon title={compare.error.message} />}
      {c && (
        <Card size="small" title="各社区达到应检人数90% / 99% / 100%的用时（小时，自本轮开始）">
          {c.sentence && (
            <Alert
              type={
                c.average.later !== null && c.average.earlier !== null && c.average.later <= c.average.earlier
                  ? 'success'
                  : 'warning'
              }
              showIcon
              style={{ marginBottom: 12 }}
              title={`${c.sentence}（${c.average.communities}个社区平均，按${c.average.mark.slice(1)}%计：${hours(c.average.earlier)} → ${hours(c.average.later)}）`}
              data-testid="speed-sentence"
            />
          )}
          {chart && chart.categories.length > 0 ? (
            <Bars categories={chart.categories} series={chart.series} height={320} />
          ) : (
            <Typography.Text type="secondary">两轮没有共同的社区</Typography.Text>
          )}
        </Card>
      )}
      <Card size="small" title={`采样点每小时采样人数 · ${speed.data?.round.name ?? ''}`}>
        {perHour.categories.length > 0 && <Bars categories={perHour.categories} series={perHour.series} stacked height={260} />}
        <Table<Point>
          rowKey="id"
          size="small"
          loading={speed.isLoading}
          dataSource={speed.data?.points}
          pagination={(speed.data?.points.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: '尚无采样点的采样记录' }}
          columns={[
            { title: '采样点', dataIndex: 'name' },
            { title: '采样人数', width: 120, render: (_, p) => n(p.total) },
            { title: '每小时（平均）', width: 140, render: (_, p) => n(p.average) },
            { title: '每小时（最高）', width: 140, render: (_, p) => n(p.peak) },
            { title: '采样小时数', width: 120, render: (_, p) => p.hours.length },
          ]}
        />
      </Card>
    </Space>
  );
}
