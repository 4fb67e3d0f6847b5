import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ImportButton } from '../../components/import-button';
import type { Contact, KeysetPage } from '../../contracts';
import { CONTACT_KIND_LABELS, CONTACT_STATUS_LABELS } from './labels';
import { PositivePicker } from './positive-picker';

/**
 * 密接: close contacts and their contacts, with their status; new ones are traced from a positive. Entering,
 * importing and changing a status are for those who may write contacts; the others read the status.
 */
export function ContactsPage() {
  const write = useCan()('contacts.write');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const pages = useCursorPages(50);
  const { after, pageSize } = pages;
  // The overview links here by kind and status (?kind=close, ?status=controlled).
  const [search, setSearch] = useSearchParams();
  const [kind, setKind] = useState(search.get('kind') ?? undefined);
  const statusFilter = search.get('status') ?? undefined;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['contacts', kind, statusFilter, after, pageSize],
    queryFn: () =>
      api.get<KeysetPage<Contact>>(`/api/surveillance/contacts${qs({ kind, status: statusFilter, after, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const add = useMutation({
    mutationFn: (v: Record<string, string | number>) =>
      api.post<{ inserted: number }>('/api/surveillance/contacts', { contacts: [{ ...v, kind: 'close' }] }),
    onSuccess: () => {
      message.success('已登记密切接触者');
      qc.invalidateQueries({ queryKey: ['contacts'] });
      form.resetFields();
      setOpen(false);
    },
    onError: (e) => message.error(e.message),
  });
  const status = useMutation({
    mutationFn: ({ id, s }: { id: number; s: string }) => api.post(`/api/surveillance/contacts/${id}/status`, { status: s }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['contacts'] }),
  });
  return (
    <Card
      title="密切接触者"
      extra={
        write && (
          <Space>
            <ImportButton url="/api/surveillance/contacts/import" label="导入密接名单" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-contact">
              登记密接
            </Button>
          </Space>
        )
      }
    >
      <Select
        allowClear
        placeholder="全部类型"
        style={{ width: 180, marginBottom: 12 }}
        value={kind}
        onChange={(v) => {
          setKind(v);
          pages.reset();
        }}
        options={Object.entries(CONTACT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
      />
      {statusFilter && (
        <Tag closable color="blue" style={{ marginLeft: 8 }} onClose={() => setSearch({})}>
          状态：{CONTACT_STATUS_LABELS[statusFilter] ?? statusFilter}
        </Tag>
      )}
      <Table<Contact>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        footer={() => <CursorPager pages={pages} next={list.data?.next} total={list.data?.total} unit="人" />}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => <Tag>{CONTACT_KIND_LABELS[k]}</Tag> },
          { title: '来源', dataIndex: 'sourceLabel' },
          { title: '电话', dataIndex: 'phone' },
          {
            title: '状态',
            render: (_, c) =>
              write ? (
                <Select
                  size="small"
                  style={{ width: 110 }}
                  value={c.status}
                  onChange={(s) => status.mutate({ id: c.id, s })}
                  options={Object.entries(CONTACT_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
                />
              ) : (
                <Tag>{CONTACT_STATUS_LABELS[c.status]}</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title="登记密切接触者"
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
      >
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="sourcePositiveId" label="关联病例" rules={[{ required: true, message: '请选择病例' }]}>
            <PositivePicker testId="contact-source" />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号">
            <Input />
          </Form.Item>
          <Form.Item name="phone" label="联系电话">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
