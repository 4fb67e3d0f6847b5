import { useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api';
import type { DoorTasksPage, SamplingChoices } from '../../contracts';
import type { SamplerQueue } from './sampler-page';

type Round = SamplingChoices['rounds'][number];
const REASONS = { sealed: '封控区', home_quarantine: '居家隔离', immobile: '行动不便' } as const;

/**
 * 上门: a mobile squad's door-to-door tasks by building and floor, done or not. The squad samples with the 采样
 * tab (a person scan marks the task done); the list refreshes as the queue empties.
 */
export function SamplerDoorTab({ round, queue }: { round: Round; queue: SamplerQueue }) {
  const [squad, setSquad] = useState<string | undefined>(() => localStorage.getItem('fy-sampler-squad') ?? undefined);
  const tasks = useQuery({
    queryKey: ['door-tasks', round.id, squad, queue.pending.length],
    queryFn: () => api.get<DoorTasksPage>(`/api/testing/rounds/${round.id}/door-tasks${qs({ squad, pageSize: 200 })}`),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        aria-label="小分队"
        placeholder="选择流动采样小分队"
        style={{ width: '100%' }}
        allowClear
        value={squad}
        options={tasks.data?.squads.map((s) => ({ value: s.squad, label: `${s.squad}（${s.done}/${s.tasks}）` }))}
        onChange={(v) => {
          setSquad(v);
          if (v) localStorage.setItem('fy-sampler-squad', v);
          else localStorage.removeItem('fy-sampler-squad');
        }}
      />
      <List
        size="small"
        loading={tasks.isLoading}
        locale={{ emptyText: <Empty description="暂无上门采样任务" /> }}
        dataSource={tasks.data?.items}
        renderItem={(t) => (
          <List.Item key={t.personId}>
            <Space direction="vertical" size={0} style={{ width: '100%' }}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t.building} {t.floor ? `${t.floor}层` : ''} {t.room} · {t.name}
              </Typography.Text>
              <Space>
                <Tag>{REASONS[t.reason]}</Tag>
                {t.done ? <Tag color="green">已采样</Tag> : <Tag color="red">未采样</Tag>}
              </Space>
            </Space>
          </List.Item>
        )}
      />
      {tasks.data?.next ? <Button disabled>仅显示前 200 条</Button> : null}
    </Space>
  );
}
