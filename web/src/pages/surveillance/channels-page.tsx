import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCan } from '../../access';
import { api } from '../../api';
import type { Channel } from '../../contracts';

/**
 * 发现途径: the wording of detection channels the city CDC keeps for its bulletins. New periods bring new
 * wordings (POLICY.md); an old one is retired, not deleted, because published cases name it.
 */
export function ChannelsPage() {
  const write = useCan()('channels.write');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery({
    queryKey: ['channels', 'all'],
    queryFn: () => api.get<{ items: Channel[] }>('/api/surveillance/channels?all=true'),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['channels'] });
  const update = useMutation({
    mutationFn: ({ id, ...patch }: Partial<Channel> & { id: number }) =>
      api.patch<Channel>(`/api/surveillance/channels/${id}`, patch),
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });
  return (
    <Card title="发现途径">
      <Typography.Paragraph type="secondary">
        病例登记和疫情通报使用的发现途径措辞。停用的途径不再出现在登记表中，已登记的病例保留原措辞。
      </Typography.Paragraph>
      {write && <AddChannel onAdded={refresh} />}
      <Table<Channel>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        columns={[
          {
            title: '发现途径',
            dataIndex: 'name',
            render: (n, c) => (
              <Space>
                {n}
                {!c.active && <Tag>已停用</Tag>}
              </Space>
            ),
          },
          { title: '期别', dataIndex: 'period', width: 100 },
          // Order and retirement are edited in place by those who keep the list; the others see its order.
          ...(write
            ? [
                {
                  title: '排序',
                  dataIndex: 'sort',
                  width: 110,
                  render: (s: number, c: Channel) => (
                    <InputNumber
                      size="small"
                      min={0}
                      value={s}
                      aria-label={`${c.name}排序`}
                      onBlur={(e) => {
                        const v = Number(e.target.value);
                        if (Number.isInteger(v) && v !== s) update.mutate({ id: c.id, sort: v });
                      }}
                    />
                  ),
                },
                {
                  title: '启用',
                  dataIndex: 'active',
                  width: 80,
                  render: (a: boolean, c: Channel) => (
                    <Switch
                      size="small"
                      checked={a}
                      aria-label={`${c.name}启用`}
                      onChange={(v) => update.mutate({ id: c.id, active: v })}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** The line that adds a channel, for those who keep the list. */
function AddChannel({ onAdded }: { onAdded: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const add = useMutation({
    mutationFn: (v: { name: string; period: string }) => api.post<Channel>('/api/surveillance/channels', v),
    onSuccess: (c) => {
      message.success(`已新增发现途径：${c.name}`);
      form.resetFields(['name']);
      onAdded();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) => add.mutate(v)}
      initialValues={{ period: '2022-11' }}
      style={{ marginBottom: 16 }}
    >
      <Form.Item name="name" label="途径" rules={[{ required: true, message: '请输入发现途径' }]}>
        <Input placeholder="如：重点人群筛查发现" style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="period" label="期别" rules={[{ required: true, pattern: /^\d{4}(-\d{2})?$/, message: '格式如 2022-11' }]}>
        <Input style={{ width: 110 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
        新增
      </Button>
    </Form>
  );
}
