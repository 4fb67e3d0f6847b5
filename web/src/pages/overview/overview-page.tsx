import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Grid, Row, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { api } from '../../api';
import type { OverviewTile } from '../../contracts';
import { DistrictMap } from './district-map';
import { BarsTile, BreakdownTable, StatTile, TrendTile } from './tiles';

/** A tile that is not a single figure: a map with its table, a chart, a ranked list. */
function Wide({ tile }: { tile: OverviewTile }): ReactNode {
  const wide = Grid.useBreakpoint().xl;
  switch (tile.kind) {
    case 'districts':
      return (
        <Col xs={24}>
          <Card size="small" title={`${tile.title}${tile.note ? `（${tile.note}）` : ''}`} data-testid={`tile-${tile.key}`}>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <DistrictMap tile={tile} height={wide ? 560 : 360} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  示意图，非测绘成果：各区县位置与相邻关系仅供参考；点击区县查看其病例。
                </Typography.Text>
              </Col>
              <Col xs={24} xl={10}>
                <BreakdownTable tile={tile} name="区县" />
              </Col>
            </Row>
          </Card>
        </Col>
      );
    case 'trend':
      return (
        <Col xs={24} xl={14}>
          <TrendTile tile={tile} />
        </Col>
      );
    case 'bars':
      return (
        <Col xs={24} xl={10}>
          <BarsTile tile={tile} />
        </Col>
      );
    default:
      return null;
  }
}

/** Where each kind of tile goes (a stable sort keeps the modules' order within a kind). */
const RANK: Record<OverviewTile['kind'], number> = { stat: 0, districts: 1, trend: 2, bars: 3 };

/**
 * 指挥部首页: the figures of every module the account may read (GET /api/overview), in its scope. Single
 * figures come first as cards, then the map, the charts and the lists; every figure links to the records it counts.
 */
export function OverviewPage() {
  const q = useQuery({ queryKey: ['overview'], queryFn: () => api.get<{ tiles: OverviewTile[] }>('/api/overview') });
  if (q.isLoading) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  const tiles = [...(q.data?.tiles ?? [])].sort((a, b) => RANK[a.kind] - RANK[b.kind]);
  if (!tiles.length) return <Empty description="暂无可显示的指标" />;
  return (
    <Row gutter={[16, 16]} data-testid="overview">
      {tiles.map((t) => (t.kind === 'stat' ? <StatTile key={t.key} tile={t} /> : <Wide key={t.key} tile={t} />))}
    </Row>
  );
}
