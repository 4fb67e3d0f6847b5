import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan, useCatalogue } from '../../access';
import { api, qs } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { normalizeInput } from '../../components/form-rules';
import { pageNumbers } from '../../components/page-numbers';
import { PlaceOption, whereOf } from '../../components/place-option';
import type { FoundNode, User } from '../../contracts';
import { NODE_LABELS } from '../../labels';

/** 账号管理: accounts inside the admin's scope; disabling one ends its sessions at once. */
export function UsersPage() {
  const { message } = App.useApp();
  const { roles } = useCatalogue();
  const manage = useCan()('users.manage');
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['users', page],
    queryFn: () => api.get<{ total: number; items: User[] }>(`/api/users${qs({ page, pageSize: 20 })}`),
  });
  const toggle = useMutation({
    mutationFn: (u: User) => api.post(`/api/users/${u.id}/disabled`, { disabled: !u.disabled }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
    onError: (e) => message.error(e.message),
  });
  return (
    <Card
      title="账号管理"
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            新建账号
          </Button>
        )
      }
    >
      <Table<User>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={pageNumbers(list.data?.total, page, 20, setPage)}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: string) => <Tag>{roles[r] ?? r}</Tag> },
          {
            title: '辖区',
            dataIndex: 'scopeName',
            render: (name: string, u) => (
              <span>
                {name}
                {u.scopeTrail.length > 0 && (
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {u.scopeTrail.join(' · ')}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: '启用',
            render: (_, u) => (
              <Switch
                checked={!u.disabled}
                disabled={!manage}
                loading={toggle.isPending && toggle.variables?.id === u.id}
                onChange={() => toggle.mutate(u)}
              />
            ),
          },
        ]}
      />
      <CreateUser open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}

function CreateUser({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const { roles } = useCatalogue();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const nodes = useQuery({
    enabled: q.length > 0,
    queryKey: ['search', q],
    queryFn: () => api.get<{ items: FoundNode[] }>(`/api/territory/search${qs({ q: q.trim() })}`),
  });
  const create = useMutation({
    mutationFn: (v: Record<string, string>) => api.post('/api/users', v),
    onSuccess: () => {
      message.success('账号已创建');
      qc.invalidateQueries({ queryKey: ['users'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e);
    },
  });
  return (
    <Modal open={open} title="新建账号" onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="username"
          label="用户名"
          normalize={normalizeInput}
          rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,64}$/, message: '3-64位字母、数字、_.-' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label="初始密码" rules={[{ required: true, min: 8, message: '至少8位' }]}>
          <Input.Password />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true }]}>
          <Select options={Object.entries(roles).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="scopeCode" label="辖区" rules={[{ required: true, message: '请选择辖区' }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder="输入名称、编码、地址或拼音首字母搜索街道、社区…"
            popupMatchSelectWidth={460}
            options={(nodes.data?.items ?? []).map((n) => ({
              value: n.code,
              // What the field shows once chosen: the name with where it lies, so a same-named one is not mistaken.
              label: `${n.name}（${[whereOf(n), NODE_LABELS[n.type] ?? n.type].filter(Boolean).join(' · ')}）`,
              node: n,
            }))}
            optionRender={(o) => <PlaceOption node={o.data.node} />}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
