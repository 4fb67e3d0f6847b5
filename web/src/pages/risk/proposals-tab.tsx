import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCan } from '../../access';
import { api } from '../../api';
import type { RiskProposal } from '../../contracts';
import { beijing, hourZh, LevelTag } from './labels';

/**
 * 降级建议: the areas whose lowering the edition in force allows today (quiet days since the last infection
 * inside, the all-negative round where the edition needs one). The city HQ confirms one: that plans the change
 * from the next full hour, which takes effect once published, like any other.
 */
export function ProposalsTab() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const publisher = useCan()('risk.publish');
  const list = useQuery({
    queryKey: ['risk-proposals'],
    queryFn: () => api.get<{ items: RiskProposal[] }>('/api/risk/proposals'),
  });
  const confirm = useMutation({
    mutationFn: (p: RiskProposal) =>
      api.post('/api/risk/proposals/confirm', {
        areaId: p.areaId,
        to: p.to,
        from: beijing(dayjs().add(1, 'hour').startOf('hour')),
      }),
    onSuccess: () => {
      message.success('已拟定降级，待发布后生效');
      qc.invalidateQueries({ queryKey: ['risk-proposals'] });
      qc.invalidateQueries({ queryKey: ['risk-changes'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Table<RiskProposal>
      rowKey="areaId"
      size="middle"
      loading={list.isLoading}
      dataSource={list.data?.items}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: '今日没有满足降级条件的区域' }}
      columns={[
        { title: '区县', dataIndex: 'district', width: 90 },
        { title: '区域', dataIndex: 'label' },
        { title: '现等级', width: 100, render: (_, p) => <LevelTag level={p.level} /> },
        { title: '建议调整为', width: 110, render: (_, p) => <LevelTag level={p.to} /> },
        {
          title: '依据',
          render: (_, p) => (
            <Typography.Text type="secondary">
              末次感染{p.lastInfectionAt ? hourZh(p.lastInfectionAt) : '无'}
              {p.round ? `，${hourZh(p.round)}全员核酸阴性` : ''}；《{p.edition}》
            </Typography.Text>
          ),
        },
        ...(publisher
          ? [
              {
                title: '操作',
                width: 100,
                render: (_: unknown, p: RiskProposal) => (
                  <Popconfirm title="确认后将拟定降级（下一整点起），发布后生效" onConfirm={() => confirm.mutate(p)}>
                    <Button size="small" type="primary">
                      确认
                    </Button>
                  </Popconfirm>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
