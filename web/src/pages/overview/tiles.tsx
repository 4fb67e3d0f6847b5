import { Card, Col, Grid, Space, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Bars } from '../../components/bar-chart';
import type { OverviewTile } from '../../contracts';

type Of<K extends OverviewTile['kind']> = Extract<OverviewTile, { kind: K }>;

const title = (t: OverviewTile) => (
  <Space size={8}>
    <span>{t.title}</span>
    {t.note && <Typography.Text type="secondary">（{t.note}）</Typography.Text>}
  </Space>
);

/** A card's title on one line: the figure's name, and its day in small type at the right. */
const statTitle = (t: OverviewTile) => (
  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
    <span>{t.title}</span>
    {t.note && <span style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t.note}</span>}
  </div>
);

/** One figure with its parts, each a link to the records it counts. Cards wrap: one a row on a phone. */
export function StatTile({ tile }: { tile: Of<'stat'> }) {
  return (
    <Col flex="1 1 220px">
      <Card size="small" data-testid={`tile-${tile.key}`} style={{ height: '100%' }}>
        <Statistic
          title={statTitle(tile)}
          value={tile.value}
          suffix={tile.unit}
          valueRender={(v) => (tile.href ? <Link to={tile.href}>{v}</Link> : v)}
        />
        <Space wrap size={[12, 4]} style={{ marginTop: 4 }}>
          {tile.parts.map((p) => (
            <Typography.Text key={p.label} type="secondary">
              {p.label} {p.href ? <Link to={p.href}>{p.value.toLocaleString('zh-CN')}</Link> : p.value.toLocaleString('zh-CN')}
            </Typography.Text>
          ))}
        </Space>
      </Card>
    </Col>
  );
}

/** Rows by measure (a district's or a channel's positives: on the day, cumulative), each figure a link, largest first. */
export function BreakdownTable({ tile, name }: { tile: Of<'bars' | 'districts'>; name: string }) {
  const rows = [...tile.items].sort((a, b) => (b.values[0] ?? 0) - (a.values[0] ?? 0) || (b.values[1] ?? 0) - (a.values[1] ?? 0));
  return (
    <Table
      size="small"
      rowKey="label"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '暂无数据' }}
      columns={[
        {
          title: name,
          render: (_, r) => (r.hrefs.at(-1) ? <Link to={r.hrefs.at(-1) as string}>{r.label}</Link> : r.label),
        },
        ...tile.measures.map((m, k) => ({
          title: m,
          align: 'right' as const,
          width: 88,
          render: (_: unknown, r: (typeof rows)[number]) =>
            r.hrefs[k] ? <Link to={r.hrefs[k] as string}>{r.values[k]}</Link> : r.values[k],
        })),
      ]}
    />
  );
}

/** A breakdown that is not on the map (positives by channel). */
export function BarsTile({ tile }: { tile: Of<'bars'> }) {
  return (
    <Card size="small" title={title(tile)} data-testid={`tile-${tile.key}`}>
      <BreakdownTable tile={tile} name={tile.title} />
    </Card>
  );
}

/** Series colours: confirmed red, asymptomatic orange, then others a later module's trend may add. */
const COLORS = ['#c0392b', '#e67e22', '#2980b9', '#16a085'];

/** The daily series stacked by category; a click on a day opens its records. */
export function TrendTile({ tile }: { tile: Of<'trend'> }) {
  const navigate = useNavigate();
  // A phone shows the last two weeks, so each day's label stays readable.
  const from = Grid.useBreakpoint().md ? 0 : Math.max(0, tile.days.length - 14);
  const categories = useMemo(() => tile.days.slice(from).map((d) => d.slice(5)), [tile, from]);
  const series = useMemo(
    () => tile.series.map((s, i) => ({ name: s.name, values: s.values.slice(from), color: COLORS[i % COLORS.length] })),
    [tile, from],
  );
  return (
    <Card size="small" title={title(tile)} data-testid={`tile-${tile.key}`}>
      <Bars
        categories={categories}
        series={series}
        stacked
        height={280}
        onPick={(i) => tile.hrefs[from + i] && navigate(tile.hrefs[from + i] as string)}
      />
    </Card>
  );
}
