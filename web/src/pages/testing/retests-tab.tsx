import { useQuery } from '@tanstack/react-query';
import { Alert, Card, InputNumber, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { beijingTime as time } from '../../components/beijing-time';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import type { TestingPositivePool, TestingRetests, TestingRound } from '../../contracts';
import { RETEST_STATUS, RetestStatusTag } from './lab-status';

type Overdue = TestingRetests['overdue'][number];
const ct = (c: TestingPositivePool['ct']) =>
  c ? [c.orf1ab !== undefined ? `ORF1ab ${c.orf1ab}` : '', c.n !== undefined ? `N ${c.n}` : ''].filter(Boolean).join('，') : '—';

/**
 * 复核: a round's positive pools (混管阳性) with each person's single-tube retest (待采样 → 已采样 → 阴性/阳性),
 * and the tubes still without a result hours after closing, so no pool stays unresolved off a list.
 */
export function RetestsTab() {
  // The tab sits on a page testing.read opens; the retests themselves are testing.retest's (not the city HQ's).
  if (!useCan()('testing.retest'))
    return <Alert type="info" showIcon title="混管阳性复核由疾控与属地（区、街道、社区）处置，您的账号无查看权限" />;
  return <Retests />;
}

function Retests() {
  const rounds = useQuery({
    queryKey: ['testing-rounds'],
    queryFn: () => api.get<{ items: TestingRound[]; next: number | null }>('/api/testing/rounds'),
  });
  const [picked, setPicked] = useState<number>();
  const roundId = picked ?? rounds.data?.items[0]?.id;
  const [hours, setHours] = useState(12);
  const pools = useCursorPages(20);
  const overdue = useCursorPages(20);
  const list = useQuery({
    queryKey: ['testing-retests', roundId, hours, pools.after, overdue.after, pools.pageSize],
    enabled: roundId !== undefined,
    queryFn: () =>
      api.get<TestingRetests>(
        `/api/testing/retests${qs({ roundId, overdueHours: hours, poolsAfter: pools.after, overdueAfter: overdue.after, pageSize: pools.pageSize })}`,
      ),
  });
  const c = list.data?.counts;
  // Every pool opens with its people shown; a pool folded by hand stays folded.
  const [folded, setFolded] = useState<number[]>([]);

  if (rounds.data && !rounds.data.items.length) return <Alert type="info" showIcon title="尚未组织检测轮次" />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <span>检测轮次</span>
        <Select
          style={{ width: 260 }}
          value={roundId}
          loading={rounds.isLoading}
          onChange={(v) => {
            setPicked(v);
            pools.reset();
            overdue.reset();
          }}
          options={rounds.data?.items.map((r) => ({ value: r.id, label: r.name }))}
          data-testid="retest-round"
        />
      </Space>
      <Space size="large" wrap>
        {(['open', 'sampled', 'negative', 'positive'] as const).map((s) => (
          <Statistic
            key={s}
            title={RETEST_STATUS[s].label}
            value={c?.[s] ?? 0}
            valueStyle={s === 'positive' && c?.positive ? { color: '#cf1322' } : undefined}
          />
        ))}
      </Space>
      <Card size="small" title="混管阳性" data-testid="positive-pools">
        <Table<TestingPositivePool>
          rowKey="tubeId"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.pools}
          pagination={false}
          locale={{ emptyText: '本轮暂无混管阳性' }}
          expandable={{
            expandedRowKeys: (list.data?.pools ?? []).map((p) => p.tubeId).filter((id) => !folded.includes(id)),
            onExpand: (open, p) => setFolded((f) => (open ? f.filter((x) => x !== p.tubeId) : [...f, p.tubeId])),
            expandedRowRender: (p) => (
              <Table
                rowKey="taskId"
                size="small"
                pagination={false}
                dataSource={p.people}
                columns={[
                  { title: '姓名', dataIndex: 'name' },
                  { title: '复核状态', render: (_, x) => <RetestStatusTag status={x.status} /> },
                  { title: '出结果时间', render: (_, x) => time(x.resolvedAt) },
                  { title: '感染者记录', render: (_, x) => (x.positiveId ? <Tag color="red">已登记 #{x.positiveId}</Tag> : '') },
                ]}
              />
            ),
          }}
          columns={[
            { title: '试管条码', dataIndex: 'barcode' },
            { title: '人数', render: (_, p) => p.people.length },
            {
              title: '复核进度',
              render: (_, p) => {
                const done = p.people.filter((x) => x.status === 'negative' || x.status === 'positive').length;
                return `${done}/${p.people.length} 已出结果`;
              },
            },
            { title: 'Ct值', render: (_, p) => ct(p.ct) },
            { title: '检测机构', dataIndex: 'lab' },
            { title: '阳性报告时间', render: (_, p) => time(p.resultAt) },
          ]}
        />
        <CursorPager
          pages={pools}
          next={list.data?.poolsNext == null ? null : String(list.data.poolsNext)}
          total={undefined}
          unit="管"
        />
      </Card>
      <Card
        size="small"
        title="超时未出结果的试管"
        extra={
          <Space>
            <Typography.Text type="secondary">封管后超过</Typography.Text>
            <InputNumber
              min={1}
              max={240}
              value={hours}
              onChange={(v) => {
                setHours(v ?? 12);
                overdue.reset();
              }}
              style={{ width: 80 }}
            />
            <Typography.Text type="secondary">小时</Typography.Text>
          </Space>
        }
        data-testid="overdue-tubes"
      >
        <Table<Overdue>
          rowKey="tubeId"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.overdue}
          pagination={false}
          locale={{ emptyText: '没有超时未出结果的试管' }}
          columns={[
            { title: '试管条码', dataIndex: 'barcode' },
            { title: '用途', render: (_, t) => (t.purpose === 'retest' ? <Tag color="purple">单管复核</Tag> : '混采') },
            { title: '人数', dataIndex: 'size' },
            { title: '封管时间', render: (_, t) => time(t.closedAt) },
            { title: '已过', render: (_, t) => <Tag color={t.hours >= 24 ? 'red' : 'orange'}>{t.hours} 小时</Tag> },
            { title: '交接', render: (_, t) => (t.handedOver ? '已交接' : <Tag color="red">未交接</Tag>) },
          ]}
        />
        <CursorPager
          pages={overdue}
          next={list.data?.overdueNext == null ? null : String(list.data.overdueNext)}
          total={undefined}
          unit="管"
        />
      </Card>
    </Space>
  );
}
