import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Table } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api } from '../../api';
import type { RiskChange } from '../../contracts';
import { hourZh, LevelTag, ZoneTag } from './labels';

/**
 * 待发布调整: the planned changes in scope, earliest first. A notice publishes them; until the notices are in, the
 * city HQ may publish chosen ones directly: the same call a notice makes (POST /api/risk/changes/publish).
 */
export function ChangesTab() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const publisher = useCan()('risk.publish');
  const [chosen, setChosen] = useState<number[]>([]);
  const list = useQuery({ queryKey: ['risk-changes'], queryFn: () => api.get<{ items: RiskChange[] }>('/api/risk/changes') });
  const publish = useMutation({
    mutationFn: (ids: number[]) => api.post<{ published: number }>('/api/risk/changes/publish', { changeIds: ids }),
    onSuccess: (r) => {
      message.success(`已发布 ${r.published} 项调整`);
      setChosen([]);
      qc.invalidateQueries({ queryKey: ['risk-changes'] });
      qc.invalidateQueries({ queryKey: ['risk-areas'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <>
      {publisher && (
        <Popconfirm title="发布后即按起始时间生效，确认发布？" onConfirm={() => publish.mutate(chosen)} disabled={!chosen.length}>
          <Button
            type="primary"
            disabled={!chosen.length}
            loading={publish.isPending}
            style={{ marginBottom: 12 }}
            data-testid="publish"
          >
            直接发布所选（{chosen.length}）
          </Button>
        </Popconfirm>
      )}
      <Table<RiskChange>
        rowKey="changeId"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: '没有待发布的调整' }}
        rowSelection={publisher ? { selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as number[]) } : undefined}
        columns={[
          { title: '起始时间', width: 190, render: (_, c) => `自${hourZh(c.from)}起` },
          { title: '区县', dataIndex: 'district', width: 90 },
          { title: '区域', dataIndex: 'label' },
          {
            title: '调整为',
            width: 170,
            render: (_, c) => [<LevelTag key="l" level={c.level} />, <ZoneTag key="z" zone={c.zone} />],
          },
        ]}
      />
    </>
  );
}
