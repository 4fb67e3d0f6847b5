import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import type { SamplingPoint, SamplingSlot, TestingRound } from '../../contracts';
import { PoolPointForm } from './pool-point-form';
import { PoolRoundPlan } from './pool-round-plan';
import { PoolSlotForm } from './pool-slot-form';

const time = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  });

/** 采样点: the points in scope (and serving it), a round's announced slots, and the planner's suggestion for it. */
export function PointsTab() {
  const can = useCan();
  const planner = can('testing.plan');
  const pages = useCursorPages(20);
  const [editing, setEditing] = useState<SamplingPoint | 'new' | null>(null);
  const [roundId, setRoundId] = useState<number>();
  const [slotEditing, setSlotEditing] = useState<SamplingSlot | 'new' | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const cancel = useMutation({
    mutationFn: (id: number) => api.post(`/api/testing/slots/${id}/cancel`),
    onSuccess: () => {
      message.success('时段已取消');
      qc.invalidateQueries({ queryKey: ['testing-slots'] });
    },
    onError: (e) => message.error(e.message),
  });
  const points = useQuery({
    queryKey: ['testing-points', pages.after, pages.pageSize],
    queryFn: () =>
      api.get<{ items: SamplingPoint[]; next: string | null }>(
        `/api/testing/points${qs({ after: pages.after, pageSize: pages.pageSize })}`,
      ),
  });
  const rounds = useQuery({
    queryKey: ['testing-rounds'],
    queryFn: () => api.get<{ items: TestingRound[]; next: number | null }>('/api/testing/rounds'),
  });
  const round = rounds.data?.items.find((r) => r.id === (roundId ?? rounds.data?.items[0]?.id));
  const slots = useQuery({
    enabled: !!round,
    queryKey: ['testing-slots', round?.id],
    queryFn: () =>
      api.get<{ items: SamplingSlot[]; next: string | null }>(`/api/testing/rounds/${round?.id}/slots${qs({ pageSize: 200 })}`),
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            采样点
          </Typography.Title>
          {planner && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              设置采样点
            </Button>
          )}
        </Space>
        <Table<SamplingPoint>
          data-testid="points-table"
          rowKey="id"
          size="middle"
          loading={points.isLoading}
          dataSource={points.data?.items}
          pagination={false}
          locale={{ emptyText: '尚未设置采样点' }}
          onRow={(p) => (planner ? { onClick: () => setEditing(p), style: { cursor: 'pointer' } } : {})}
          columns={[
            { title: '采样点', dataIndex: 'name' },
            {
              title: '位置',
              render: (_, p) => (
                <>
                  <div>{p.nodeName}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[p.trail.join(' · '), p.address].filter(Boolean).join('　')}
                  </Typography.Text>
                </>
              ),
            },
            { title: '采样时间', render: (_, p) => `${p.opensAt}–${p.closesAt}` },
            { title: '采样台', dataIndex: 'posts', align: 'right' },
            { title: '服务社区', render: (_, p) => p.communities.map((c) => c.name).join('、') || '—' },
            { title: '状态', render: (_, p) => (p.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          ]}
        />
        <CursorPager pages={pages} next={points.data?.next} total={undefined} unit="个" />
      </div>

      <div>
        <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
          <Space>
            <Typography.Title level={5} style={{ margin: 0 }}>
              错峰采样时段
            </Typography.Title>
            <Select
              style={{ width: 260 }}
              placeholder="选择检测轮次"
              value={round?.id}
              onChange={setRoundId}
              options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
            />
          </Space>
          {planner && round && (
            <Button icon={<PlusOutlined />} onClick={() => setSlotEditing('new')} disabled={!points.data?.items.length}>
              发布时段
            </Button>
          )}
        </Space>
        {round ? (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <PoolRoundPlan roundId={round.id} />
            <Table<SamplingSlot>
              data-testid="slots-table"
              rowKey="id"
              size="small"
              loading={slots.isLoading}
              dataSource={slots.data?.items}
              pagination={false}
              locale={{ emptyText: '本轮尚未发布采样时段' }}
              columns={[
                { title: '时段', render: (_, s) => `${time(s.startsAt)}–${time(s.endsAt)}` },
                { title: '社区', dataIndex: 'communityName' },
                { title: '范围', render: (_, s) => s.note ?? '全体居民' },
                { title: '采样点', dataIndex: 'pointName' },
                ...(planner
                  ? [
                      {
                        title: '操作',
                        width: 120,
                        render: (_: unknown, s: SamplingSlot) => (
                          <Space size={4}>
                            <Button type="link" size="small" onClick={() => setSlotEditing(s)}>
                              修改
                            </Button>
                            <Popconfirm
                              title="取消此采样时段？"
                              okText="取消时段"
                              cancelText="保留"
                              onConfirm={() => cancel.mutate(s.id)}
                            >
                              <Button type="link" size="small" danger>
                                取消
                              </Button>
                            </Popconfirm>
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Space>
        ) : (
          <Empty description="尚未组织检测轮次" />
        )}
      </div>

      <PoolPointForm
        open={editing !== null}
        point={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
      {round && (
        <PoolSlotForm
          round={round}
          points={points.data?.items ?? []}
          open={slotEditing !== null}
          slot={slotEditing === 'new' || slotEditing === null ? undefined : slotEditing}
          onClose={() => setSlotEditing(null)}
        />
      )}
    </Space>
  );
}
