import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { api } from '../../api';
import type { TestingRound } from '../../contracts';

const n = (v: number) => v.toLocaleString('zh-CN');

/** 检测轮次: the rounds in scope, newest first, with their target (应检) and exemptions in the caller's subtree. */
export function RoundsTab() {
  const rounds = useQuery({
    queryKey: ['testing-rounds'],
    queryFn: () => api.get<{ items: TestingRound[]; next: number | null }>('/api/testing/rounds'),
  });
  return (
    <Table<TestingRound>
      rowKey="id"
      size="middle"
      loading={rounds.isLoading}
      dataSource={rounds.data?.items}
      pagination={false}
      locale={{ emptyText: '尚未组织检测轮次' }}
      columns={[
        { title: '轮次', dataIndex: 'name' },
        { title: '范围', render: (_, r) => r.nodes.map((x) => [...x.trail, x.name].join(' · ')).join('；') },
        { title: '开始', render: (_, r) => new Date(r.startsAt).toLocaleString('zh-CN') },
        { title: '应检', render: (_, r) => n(r.target - r.exempt) },
        { title: '免检', render: (_, r) => n(r.exempt) },
        { title: '状态', render: (_, r) => (r.closedAt ? '已结束' : '进行中') },
      ]}
    />
  );
}
