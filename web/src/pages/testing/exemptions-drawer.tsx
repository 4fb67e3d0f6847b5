import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { Person, TestingRound } from '../../contracts';
import { hourZh } from '../risk/labels';

export const EXEMPT_OPTIONS = [
  { value: 'away', label: '在外地' },
  { value: 'hospital', label: '住院' },
  { value: 'infant', label: '婴儿' },
  { value: 'quarantine_site', label: '集中隔离' },
  { value: 'deceased', label: '已故' },
  { value: 'other', label: '其他' },
];
const reasonLabel = (r: string) => EXEMPT_OPTIONS.find((o) => o.value === r)?.label ?? r;

interface Exemption {
  personId: number;
  name: string;
  path: string;
  reason: string;
  note: string | null;
  at: string;
}

/** 免检名单 of a round in the caller's subtree, and the form a community worker exempts residents with. */
export function ExemptionsDrawer({ round, onClose }: { round: TestingRound | undefined; onClose: () => void }) {
  const can = useCan();
  const [after, setAfter] = useState<string>();
  const list = useQuery({
    enabled: !!round,
    queryKey: ['testing-exemptions', round?.id, after],
    queryFn: () =>
      api.get<{ items: Exemption[]; next: string | null }>(
        `/api/testing/rounds/${round?.id}/exemptions${qs({ after, pageSize: 50 })}`,
      ),
  });
  return (
    <Drawer open={!!round} width={720} title={round ? `${round.name} · 免检名单` : ''} onClose={onClose} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        {round && can('testing.plan') && !round.closedAt && <ExemptForm round={round} />}
        <Table<Exemption>
          rowKey="personId"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={false}
          locale={{ emptyText: '没有免检人员' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '原因', width: 90, render: (_, e) => reasonLabel(e.reason) },
            { title: '说明', dataIndex: 'note' },
            { title: '登记时间', width: 170, render: (_, e) => hourZh(e.at) },
          ]}
        />
        <Space>
          <Button disabled={!after} onClick={() => setAfter(undefined)}>
            第一页
          </Button>
          <Button disabled={!list.data?.next} onClick={() => setAfter(list.data?.next ?? undefined)}>
            下一页
          </Button>
        </Space>
      </Space>
    </Drawer>
  );
}

/** Residents found by name or ID number (the residents list's search, in the caller's scope), a reason, a note. */
function ExemptForm({ round }: { round: TestingRound }) {
  const [form] = Form.useForm<{ personIds: number[]; reason: string; note?: string }>();
  const [q, setQ] = useState('');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const found = useQuery({
    enabled: q.trim().length > 0,
    queryKey: ['testing-exempt-search', q],
    queryFn: () => api.get<{ items: Person[] }>(`/api/people${qs({ q: q.trim(), pageSize: 20 })}`),
  });
  const save = useMutation({
    mutationFn: (v: { personIds: number[]; reason: string; note?: string }) =>
      api.post<{ added: number }>(`/api/testing/rounds/${round.id}/exemptions`, v),
    onSuccess: (r) => {
      message.success(r.added ? `已登记免检 ${r.added} 人` : '这些居民已登记免检');
      qc.invalidateQueries({ queryKey: ['testing-exemptions', round.id] });
      qc.invalidateQueries({ queryKey: ['testing-rounds'] });
      form.resetFields();
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e);
    },
  });
  return (
    <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} style={{ rowGap: 8 }}>
      <Form.Item name="personIds" rules={[{ required: true, message: '请选择居民' }]}>
        <Select
          mode="multiple"
          showSearch
          filterOption={false}
          onSearch={setQ}
          style={{ width: 280 }}
          placeholder="输入姓名或身份证号"
          data-testid="exempt-people"
          notFoundContent={q ? '没有找到' : null}
          options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.address}）` }))}
        />
      </Form.Item>
      <Form.Item name="reason" rules={[{ required: true, message: '请选择原因' }]}>
        <Select placeholder="免检原因" style={{ width: 120 }} options={EXEMPT_OPTIONS} />
      </Form.Item>
      <Form.Item name="note">
        <Input placeholder="说明（可选）" maxLength={200} style={{ width: 180 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        登记免检
      </Button>
      <Typography.Text type="secondary" style={{ width: '100%' }}>
        免检人员不计入应检人数，也不会因未参加本轮检测被赋黄码。
      </Typography.Text>
    </Form>
  );
}
