import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import type { DeviceToken } from '../../contracts';

const when = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

/**
 * 设备令牌: the account's own tokens for a scanner or a lab system. A token is shown once, when made; logging out
 * does not end it, revoking does, at once on every server (the audit log keeps both).
 */
export function TokensPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [making, setMaking] = useState(false);
  const [made, setMade] = useState<{ name: string; token: string } | null>(null);
  const list = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<{ items: DeviceToken[] }>('/api/tokens') });
  const revoke = useMutation({
    mutationFn: (t: DeviceToken) => api.post(`/api/tokens/${t.id}/revoke`),
    onSuccess: () => {
      message.success('令牌已吊销，使用它的设备将立即无法访问');
      qc.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card
      title="设备令牌"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setMaking(true)}>
          新建令牌
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        扫码枪、检测机构系统等设备以令牌代替密码访问平台，权限与本账号相同。设备丢失或停用时请立即吊销；退出登录不会使令牌失效。
      </Typography.Paragraph>
      <Table<DeviceToken>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        // On a phone the table scrolls sideways rather than breaking a name into one character a line.
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚未创建设备令牌' }}
        columns={[
          { title: '名称', dataIndex: 'name', fixed: 'left' },
          { title: '创建时间', dataIndex: 'createdAt', render: when },
          { title: '最近使用', dataIndex: 'lastUsedAt', render: when },
          {
            title: '状态',
            render: (_, t) => (t.revokedAt ? <Tag>已吊销 {when(t.revokedAt)}</Tag> : <Tag color="green">有效</Tag>),
          },
          {
            title: '操作',
            render: (_, t) =>
              !t.revokedAt && (
                <Popconfirm
                  title={`吊销“${t.name}”？`}
                  description="使用该令牌的设备将立即无法访问"
                  okText="吊销"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => revoke.mutate(t)}
                >
                  <Button danger size="small" loading={revoke.isPending && revoke.variables?.id === t.id}>
                    吊销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <MakeToken
        open={making}
        onClose={() => setMaking(false)}
        onMade={(m) => {
          setMaking(false);
          setMade(m);
          qc.invalidateQueries({ queryKey: ['tokens'] });
        }}
      />
      <Modal
        open={!!made}
        title={
          <span>
            <KeyOutlined /> 令牌已创建：{made?.name}
          </span>
        }
        okText="我已妥善保存"
        cancelButtonProps={{ style: { display: 'none' } }}
        onOk={() => setMade(null)}
        onCancel={() => setMade(null)}
      >
        <Alert
          type="warning"
          showIcon
          message="令牌只显示这一次，关闭后无法再查看，请立即复制到设备中。"
          style={{ marginBottom: 12 }}
        />
        <Typography.Paragraph
          copyable={{ text: made?.token, tooltips: ['复制', '已复制'] }}
          code
          style={{ wordBreak: 'break-all' }}
        >
          {made?.token}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}

function MakeToken({
  open,
  onClose,
  onMade,
}: {
  open: boolean;
  onClose: () => void;
  onMade: (m: { name: string; token: string }) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const make = useMutation({
    mutationFn: (v: { name: string }) => api.post<{ id: number; token: string }>('/api/tokens', v),
    onSuccess: (r, v) => {
      form.resetFields();
      onMade({ name: v.name, token: r.token });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal
      open={open}
      title="新建设备令牌"
      okText="创建"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={make.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => make.mutate(v)}>
        <Form.Item
          name="name"
          label="设备名称"
          rules={[
            { required: true, whitespace: true, message: '请填写设备名称' },
            { max: 64, message: '最多64个字' },
          ]}
        >
          <Input placeholder="如：光华社区1号扫码枪" maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
