import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, withoutBlanks } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { SamplingPoint, SamplingSlot, TestingRound } from '../../contracts';

interface Values {
  pointId: number;
  communityId: number;
  span: [Dayjs, Dayjs];
  note?: string;
}

/**
 * Announces a time slot of a round (错峰采样: 1-5栋 08:00-10:00) for a community at a point serving it, or, given
 * `slot`, moves that slot's hours or changes whom it calls (its point and community stay).
 */
export function PoolSlotForm({
  round,
  points,
  open,
  onClose,
  slot,
}: {
  round: TestingRound;
  points: SamplingPoint[];
  open: boolean;
  onClose: () => void;
  slot?: SamplingSlot;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const pointId = Form.useWatch('pointId', form);
  const served = points.find((p) => p.id === pointId)?.communities ?? [];
  useEffect(() => {
    if (!open) return;
    if (!slot) form.resetFields();
    else
      form.setFieldsValue({
        pointId: slot.pointId,
        communityId: slot.communityId,
        span: [dayjs(slot.startsAt), dayjs(slot.endsAt)],
        note: slot.note ?? undefined,
      });
  }, [open, slot, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      slot
        ? api
            .put(`/api/testing/slots/${slot.id}`, {
              startsAt: v.span[0].toISOString(),
              endsAt: v.span[1].toISOString(),
              ...(v.note ? { note: v.note } : {}),
            })
            .then(() => ({ added: 1 }))
        : api.post<{ added: number }>(`/api/testing/rounds/${round.id}/slots`, {
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
      message.success(slot ? '时段已修改' : r.added ? '时段已发布' : '该时段已发布过');
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
      title={`${slot ? '修改采样时段' : '发布错峰采样时段'}：${round.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="pointId" label="采样点" rules={[{ required: true, message: '请选择采样点' }]}>
          <Select
            disabled={!!slot}
            options={
              slot && !points.some((p) => p.id === slot.pointId)
                ? [{ value: slot.pointId, label: slot.pointName }]
                : points.map((p) => ({ value: p.id, label: `${p.name}（${p.nodeName}）` }))
            }
          />
        </Form.Item>
        <Form.Item name="communityId" label="社区" rules={[{ required: true, message: '请选择社区' }]}>
          <Select
            disabled={!!slot}
            options={
              slot
                ? [{ value: slot.communityId, label: slot.communityName }]
                : served.map((c) => ({ value: c.id, label: c.name }))
            }
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
