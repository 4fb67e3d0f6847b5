import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Space, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, withoutBlanks } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { SamplingPoint } from '../../contracts';
import { PoolNodeSelect } from './pool-node-select';

interface Values {
  name: string;
  nodeId: number;
  address?: string;
  hours: [Dayjs, Dayjs];
  posts: number;
  communityIds: number[];
  active: boolean;
}

/** Sets up a sampling point or changes one (`point`): where, its hours, its posts, the communities it serves. */
export function PoolPointForm({ point, open, onClose }: { point?: SamplingPoint; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (point)
      form.setFieldsValue({
        name: point.name,
        nodeId: point.nodeId,
        address: point.address ?? undefined,
        hours: [dayjs(point.opensAt, 'HH:mm'), dayjs(point.closesAt, 'HH:mm')],
        posts: point.posts,
        communityIds: point.communities.map((c) => c.id),
        active: point.active,
      });
  }, [open, point, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = withoutBlanks({
        name: v.name,
        nodeId: v.nodeId,
        address: v.address,
        opensAt: v.hours[0].format('HH:mm'),
        closesAt: v.hours[1].format('HH:mm'),
        posts: v.posts,
        communityIds: v.communityIds ?? [],
        active: v.active,
      });
      return point ? api.put(`/api/testing/points/${point.id}`, body) : api.post('/api/testing/points', body);
    },
    onSuccess: () => {
      message.success(point ? '采样点已修改' : '采样点已设置');
      qc.invalidateQueries({ queryKey: ['testing-points'] });
      qc.invalidateQueries({ queryKey: ['testing-round-plan'] });
      onClose();
    },
    onError: (e) => {
      message.error(e.message);
      // The hours are one field in the form, two in the API.
      showFieldErrors(form, e, (p) => (p[0] === 'opensAt' || p[0] === 'closesAt' ? ['hours'] : p));
    },
  });
  return (
    <Modal
      open={open}
      title={point ? `修改采样点：${point.name}` : '设置采样点'}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ posts: 2, active: true, communityIds: [] }}
      >
        <Form.Item name="name" label="采样点名称" rules={[{ required: true, max: 60 }]}>
          <Input placeholder="如：光华社区广场采样点" />
        </Form.Item>
        <Form.Item name="nodeId" label="所在社区或小区" rules={[{ required: true, message: '请选择社区或小区' }]}>
          <PoolNodeSelect types={['community', 'compound']} known={point ? [{ id: point.nodeId, name: point.nodeName }] : []} />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[{ max: 200 }]}>
          <Input placeholder="如：小区南门广场" />
        </Form.Item>
        <Space size="large" align="start">
          <Form.Item name="hours" label="采样时间" rules={[{ required: true, message: '请选择采样时间' }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="posts" label="采样台数" rules={[{ required: true }]}>
            <InputNumber min={1} max={200} />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="communityIds" label="服务社区">
          <PoolNodeSelect
            types={['community']}
            multiple
            known={point?.communities ?? []}
            placeholder="搜索并选择本点服务的社区"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
