import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, withoutBlanks } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { SamplingPoint, TestingRound } from '../../contracts';

interface Values {
  pointId: number;
  communityId: number;
  span: [Dayjs, Dayjs];
  note?: string;
}

/** Announces a time slot of a round (错峰采样: 1-5栋 08:00-10:00) for a community at a point serving it. */
export function PoolSlotForm({
  round,
  points,
  open,
  onClose,
}: {
  round: TestingRound;
  points: SamplingPoint[];
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const pointId = Form.useWatch('pointId', form);
  const served = points.find((p) => p.id === pointId)?.communities ?? [];
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<{ added: number }>(`/api/testing/rounds/${round.id}/slots`, {
        slots: [
          withoutBlanks({
            pointId: v.pointId,
            communityId: v.communityId,
            startsAt: v.span[0].toISOString(),
            endsAt: v.span[1].toISOString(),
            note: v.note,
          }),
        ],
      }),
    onSuccess: (r) => {
      message.success(r.added ? '时段已发布' : '该时段已发布过');
      qc.invalidateQueries({ queryKey: ['testing-slots', round.id] });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e, (p) => {
        const f = p[2];
        return f === 'startsAt' || f === 'endsAt' ? ['span'] : typeof f === 'string' ? [f] : undefined;
      });
    },
  });
  return (
    <Modal
      open={open}
      title={`发布错峰采样时段：${round.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="pointId" label="采样点" rules={[{ required: true, message: '请选择采样点' }]}>
          <Select options={points.map((p) => ({ value: p.id, label: `${p.name}（${p.nodeName}）` }))} />
        </Form.Item>
        <Form.Item name="communityId" label="社区" rules={[{ required: true, message: '请选择社区' }]}>
          <Select
            options={served.map((c) => ({ value: c.id, label: c.name }))}
            notFoundContent={pointId ? '此采样点尚未设置服务社区' : '请先选择采样点'}
          />
        </Form.Item>
        <Form.Item name="span" label="时段" rules={[{ required: true, message: '请选择时段' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 60 }]}>
          <Input placeholder="如：1-5栋" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
