import { useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useCatalogue } from '../../access';
import { api, qs } from '../../api';
import type { AuditEntry } from '../../contracts';

/** 审计日志: who did what, when, from where, to whom. Append-only; filterable by action and account. */
export function AuditPage() {
  const { roles, auditActions } = useCatalogue();
  const [action, setAction] = useState('');
  const [username, setUsername] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['audit', action, username, page],
    queryFn: () => api.get<{ total: number; items: AuditEntry[] }>(`/api/audit${qs({ action, username, page, pageSize: 20 })}`),
  });
  return (
    <Card title="审计日志">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={action}
          onChange={(v) => {
            setAction(v);
            setPage(1);
          }}
          options={[
            { value: '', label: '全部操作' },
            ...Object.entries(auditActions).map(([value, label]) => ({ value, label })),
          ]}
          data-testid="audit-action"
        />
        <Input.Search
          placeholder="账号"
          allowClear
          style={{ width: 200 }}
          onSearch={(v) => {
            setUsername(v.trim());
            setPage(1);
          }}
        />
      </Space>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
        }}
        columns={[
          {
            title: '时间',
            dataIndex: 'at',
            width: 170,
            render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }),
          },
          { title: '账号', dataIndex: 'username', width: 120 },
          { title: '角色', dataIndex: 'role', width: 100, render: (r: string | null) => (r ? (roles[r] ?? r) : '-') },
          { title: '来源IP', dataIndex: 'ip', width: 120 },
          { title: '操作', dataIndex: 'action', render: (a: string) => auditActions[a] ?? a },
          { title: '对象', render: (_, r) => r.personName ?? r.target ?? '-' },
        ]}
      />
    </Card>
  );
}
