import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../access';
import { api } from '../../api';
import type { RiskChange } from '../../contracts';
import { hourZh, LevelTag, ZoneTag } from './labels';

/**
 * 待发布调整: the planned changes in scope, earliest first. They take effect only through a published notice: the
 * city HQ chooses some and drafts the notice from them (POST /api/notices/from-changes), which a second account
 * reviews on the 风险等级通告 page; publishing it publishes the changes.
 */
export function ChangesTab() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const drafter = useCan()('notices.publish');
  const [chosen, setChosen] = useState<number[]>([]);
  const list = useQuery({ queryKey: ['risk-changes'], queryFn: () => api.get<{ items: RiskChange[] }>('/api/risk/changes') });
  const draft = useMutation({
    mutationFn: (ids: number[]) => api.post<{ id: number }>('/api/notices/from-changes', { changeIds: ids }),
    onSuccess: () => {
      message.success('已起草通告，请在“风险等级通告”中核对、提交审核');
      setChosen([]);
      qc.invalidateQueries({ queryKey: ['notices'] });
      navigate('/notices');
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <>
      {drafter && (
        <Button
          type="primary"
          disabled={!chosen.length}
          loading={draft.isPending}
          style={{ marginBottom: 12 }}
          onClick={() => draft.mutate(chosen)}
          data-testid="draft-notice"
        >
          以所选调整起草通告（{chosen.length}）
        </Button>
      )}
      <Table<RiskChange>
        rowKey="changeId"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: '没有待发布的调整' }}
        rowSelection={drafter ? { selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as number[]) } : undefined}
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
