import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Col, Popconfirm, Progress, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { SEARCHED_TYPES } from '../../../../src/modules/territory/rules';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import type { TestingClosed, TestingCoverage } from '../../contracts';
import { MissingList } from './coverage-missing';
import { n, roundOptions, useRounds } from './coverage-rounds';

type Child = TestingCoverage['children'][number];
type Floor = TestingCoverage['floors'][number];

/** Levels one drills into (the named levels below the city, then buildings and units); a household is the end of
 * the tree (its people are in the missing list). */
const DRILLABLE: ReadonlySet<string> = new Set([
  ...SEARCHED_TYPES.filter((t) => t !== 'city' && t !== 'place'),
  'building',
  'unit',
]);

const bar = (pct: number) => (
  <Progress percent={pct} size="small" status={pct >= 100 ? 'success' : 'active'} format={(p) => `${p}%`} />
);

const figureColumns = <T extends Child | Floor>() => [
  { title: '应检', width: 100, render: (_: unknown, r: T) => n(r.target) },
  { title: '已采', width: 100, render: (_: unknown, r: T) => n(r.sampled) },
  { title: '采样进度', width: 200, render: (_: unknown, r: T) => bar(r.sampledPct) },
  { title: '结果回报', width: 200, render: (_: unknown, r: T) => bar(r.resultedPct) },
  {
    title: '阳性',
    width: 80,
    render: (_: unknown, r: T) => (r.positive ? <Typography.Text type="danger">{n(r.positive)}</Typography.Text> : 0),
  },
  { title: '未采', width: 90, render: (_: unknown, r: T) => n(Math.max(0, r.target - r.sampled)) },
];

/**
 * 覆盖: a round's coverage from the caller's node down to building and floor (target, sampled, results back,
 * positive), refreshed every 10 s as scans arrive, and the missing list of the node shown.
 */
export function CoverageTab() {
  const rounds = useRounds();
  const [roundId, setRoundId] = useState<number>();
  const [trail, setTrail] = useState<{ id: number; name: string }[]>([]);
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const chosen = roundId ?? rounds.data?.items[0]?.id;
  const round = rounds.data?.items.find((r) => r.id === chosen);
  const nodeId = trail.at(-1)?.id;
  const cov = useQuery({
    queryKey: ['testing-coverage', chosen, nodeId],
    queryFn: () => api.get<TestingCoverage>(`/api/testing/rounds/${chosen}/coverage${qs({ nodeId })}`),
    enabled: chosen !== undefined,
    refetchInterval: 10_000,
  });
  const close = useMutation({
    mutationFn: () => api.post<TestingClosed>(`/api/testing/rounds/${chosen}/close`),
    onSuccess: (r) => {
      message.success(`本轮已结束，漏检${n(r.missed)}人已记录`);
      queryClient.invalidateQueries({ queryKey: ['testing-rounds'] });
    },
    onError: (e) => message.error(e.message),
  });
  const c = cov.data;
  // The node the tab opened at (the caller's, or the round's), kept to lead the breadcrumb while drilling down.
  const [start, setStart] = useState<TestingCoverage['node']>();
  useEffect(() => {
    if (c && !trail.length) setStart(c.node);
  }, [c, trail.length]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <span>检测轮次</span>
        <Select
          style={{ width: 300 }}
          value={chosen}
          onChange={(id: number) => {
            setRoundId(id);
            setTrail([]);
          }}
          options={roundOptions(rounds.data?.items)}
          placeholder="尚未组织检测轮次"
          data-testid="coverage-round"
        />
        {round && !round.closedAt && can('testing.plan') && (
          <Popconfirm
            title="结束本轮检测？"
            description="未采样且未登记免检的应检人员将记为漏检，并告知健康码。"
            okText="结束本轮"
            cancelText="取消"
            onConfirm={() => close.mutate()}
          >
            <Button danger loading={close.isPending}>
              结束本轮
            </Button>
          </Popconfirm>
        )}
      </Space>
      {c && (
        <>
          <Breadcrumb
            items={[
              ...(start?.trail.length
                ? [{ title: <Typography.Text type="secondary">{start.trail.join(' · ')}</Typography.Text> }]
                : []),
              {
                title: trail.length ? (
                  <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setTrail([])}>
                    {start?.name}
                  </Button>
                ) : (
                  c.node.name
                ),
              },
              ...trail.map((t, i) => ({
                title:
                  i === trail.length - 1 ? (
                    t.name
                  ) : (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, height: 'auto' }}
                      onClick={() => setTrail(trail.slice(0, i + 1))}
                    >
                      {t.name}
                    </Button>
                  ),
              })),
            ]}
          />
          <Row gutter={16}>
            <Col span={5}>
              <Statistic title="应检" value={c.total.target} />
            </Col>
            <Col span={5}>
              <Statistic title="已采" value={c.total.sampled} suffix={`· ${c.total.sampledPct}%`} />
            </Col>
            <Col span={5}>
              <Statistic title="已出结果" value={c.total.resulted} suffix={`· ${c.total.resultedPct}%`} />
            </Col>
            <Col span={4}>
              <Statistic
                title="阳性（混管）"
                value={c.total.positive}
                styles={{ content: { color: c.total.positive ? '#cf1322' : undefined } }}
              />
            </Col>
            <Col span={5}>
              <Statistic title="未采" value={Math.max(0, c.total.target - c.total.sampled)} />
            </Col>
          </Row>
          <Table<Child>
            rowKey="id"
            size="small"
            loading={cov.isFetching && !cov.data}
            dataSource={c.children}
            pagination={c.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{ emptyText: '本区域没有应检人员' }}
            columns={[
              {
                title: '区域',
                render: (_, r) =>
                  DRILLABLE.has(r.type) ? (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, height: 'auto' }}
                      onClick={() => setTrail([...trail, { id: r.id, name: r.name }])}
                    >
                      {r.name}
                    </Button>
                  ) : (
                    r.name
                  ),
              },
              ...figureColumns<Child>(),
            ]}
          />
          {c.floors.length > 0 && (
            <Table<Floor>
              rowKey={(r) => `${r.unitId}-${r.floor}`}
              size="small"
              title={() => '按楼层'}
              dataSource={c.floors}
              pagination={false}
              columns={[
                { title: '单元', dataIndex: 'unit', width: 100 },
                { title: '楼层', width: 80, render: (_, r) => (r.floor === null ? '—' : `${r.floor}层`) },
                ...figureColumns<Floor>(),
              ]}
            />
          )}
          <Typography.Text type="secondary">
            统计于 {new Date(c.countedAt).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}，每10秒刷新
          </Typography.Text>
          <MissingList roundId={c.round.id} nodeId={c.node.id} nodeName={c.node.name} />
        </>
      )}
    </Space>
  );
}
