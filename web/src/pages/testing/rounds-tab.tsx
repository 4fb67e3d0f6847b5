import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Progress, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import type { TestingRound } from '../../contracts';
import { hourZh } from '../risk/labels';
import { ExemptionsDrawer } from './exemptions-drawer';
import { MODE_OPTIONS, RoundEditor } from './round-editor';

const n = (v: number) => v.toLocaleString('zh-CN');
const modeLabel = (m: string) => MODE_OPTIONS.find((o) => o.value === m)?.label ?? m;

/** 检测轮次: the rounds in scope, newest first, with their target (应检) and exemptions in the caller's subtree. */
export function RoundsTab() {
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const [exempting, setExempting] = useState<TestingRound>();
  const pages = useCursorPages(20);
  const rounds = useQuery({
    queryKey: ['testing-rounds', pages.after, pages.pageSize],
    queryFn: () =>
      api.get<{ items: TestingRound[]; next: number | null }>(
        `/api/testing/rounds${qs({ after: pages.after, pageSize: pages.pageSize })}`,
      ),
    // A round still copying its target (生成应检名单) is polled until it opens.
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'opening') ? 3000 : false),
  });
  const items = rounds.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('testing.plan') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="round-create">
          组织检测轮次
        </Button>
      )}
      <Table<TestingRound>
        rowKey="id"
        size="middle"
        loading={rounds.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '尚未组织检测轮次' }}
        columns={[
          { title: '轮次', dataIndex: 'name', width: 180 },
          {
            title: '检测范围',
            render: (_, r) => r.nodes.map((x) => [...x.trail, x.name].join(' · ')).join('；'),
          },
          { title: '时间', width: 220, render: (_, r) => `${hourZh(r.startsAt)}至${hourZh(r.endsAt)}` },
          { title: '混采', width: 90, render: (_, r) => modeLabel(r.defaultMode) },
          {
            title: '应检',
            width: 100,
            align: 'right',
            render: (_, r) => (r.status === 'opening' ? '生成中' : n(r.target - r.exempt)),
          },
          {
            title: '免检',
            width: 80,
            align: 'right',
            render: (_, r) => (
              <Button type="link" size="small" onClick={() => setExempting(r)}>
                {n(r.exempt)}
              </Button>
            ),
          },
          {
            title: '状态',
            width: 150,
            render: (_, r) =>
              r.closedAt ? (
                <Tag>已结束</Tag>
              ) : r.status === 'opening' ? (
                <Space direction="vertical" size={0} style={{ width: '100%' }} data-testid="round-opening">
                  <Tag color="warning">生成应检名单</Tag>
                  <Progress
                    size="small"
                    percent={r.targetExpected ? Math.min(99, Math.floor((r.targetCopied / r.targetExpected) * 100)) : 0}
                    format={() => `${n(r.targetCopied)}人`}
                  />
                </Space>
              ) : (
                <Tag color="processing">进行中</Tag>
              ),
          },
        ]}
      />
      <CursorPager pages={pages} next={rounds.data?.next == null ? null : String(rounds.data.next)} total={undefined} unit="轮" />
      <ExemptionsDrawer round={exempting} onClose={() => setExempting(undefined)} />
      <RoundEditor open={creating} next={(items[0]?.number ?? 0) + 1} onClose={() => setCreating(false)} />
    </Space>
  );
}
