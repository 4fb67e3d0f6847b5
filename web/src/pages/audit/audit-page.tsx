import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useCatalogue } from '../../access';
import { api, qs } from '../../api';
import { beijingTime } from '../../components/beijing-time';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import type { AuditEntry, AuditListPage } from '../../contracts';

/**
 * 审计日志: who did what, when, from where, to whom, each row said as a sentence in Chinese by the module of its
 * action (the server's `sentence`). Append-only; filterable by action and account.
 */
export function AuditPage() {
  const { roles, auditActions } = useCatalogue();
  const [action, setAction] = useState('');
  const [username, setUsername] = useState('');
  const pages = useCursorPages();
  const { after: before, pageSize } = pages;
  const list = useQuery({
    queryKey: ['audit', action, username, before, pageSize],
    queryFn: () => api.get<AuditListPage>(`/api/audit${qs({ action, username, before, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title="审计日志">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={action}
          onChange={(v) => {
            setAction(v);
            pages.reset();
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
            pages.reset();
          }}
        />
      </Space>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 960 }}
        pagination={false}
        footer={() => <CursorPager pages={pages} next={list.data?.next} total={list.data?.total} unit="条" />}
        columns={[
          {
            title: '时间',
            dataIndex: 'at',
            width: 170,
            render: beijingTime,
          },
          { title: '账号', dataIndex: 'username', width: 120 },
          { title: '角色', dataIndex: 'role', width: 100, render: (r: string | null) => (r ? (roles[r] ?? r) : '-') },
          { title: '来源IP', dataIndex: 'ip', width: 120 },
          { title: '操作', dataIndex: 'action', width: 160, render: (a: string) => auditActions[a] ?? '其他操作' },
          { title: '内容', dataIndex: 'sentence' },
        ]}
      />
    </Card>
  );
}
