import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import type { PlannerFigures } from '../../../../src/modules/testing/pooling/planner-rules';
import { api } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { PlannerSettings } from '../../contracts';

const FIELDS: { name: keyof PlannerFigures; label: string; min: number; max: number; unit: string }[] = [
  { name: 'peoplePerPointMin', label: '每采样点服务人数下限', min: 100, max: 100_000, unit: '人' },
  { name: 'peoplePerPointMax', label: '每采样点服务人数上限', min: 100, max: 100_000, unit: '人' },
  { name: 'peoplePerSampler', label: '每名采样人员服务人数', min: 10, max: 10_000, unit: '人' },
  { name: 'peoplePerSamplerHour', label: '每名采样人员每小时采样人数', min: 1, max: 1_000, unit: '人/小时' },
  { name: 'roundHours', label: '一轮检测时限', min: 1, max: 168, unit: '小时' },
];

/** The city HQ sets the planner's figures (测算参数); every round's suggestion is read by them. */
export function PoolPlannerForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<PlannerFigures>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const current = useQuery({
    enabled: open,
    queryKey: ['testing-planner'],
    queryFn: () => api.get<PlannerSettings>('/api/testing/planner'),
  });
  useEffect(() => {
    if (open && current.data) form.setFieldsValue(current.data.figures);
  }, [open, current.data, form]);
  const save = useMutation({
    mutationFn: (v: PlannerFigures) => api.put<PlannerSettings>('/api/testing/planner', v),
    onSuccess: () => {
      message.success('测算参数已保存');
      qc.invalidateQueries({ queryKey: ['testing-planner'] });
      qc.invalidateQueries({ queryKey: ['testing-round-plan'] });
      onClose();
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e);
    },
  });
  return (
    <Modal open={open} title="测算参数" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="horizontal" labelCol={{ span: 12 }} onFinish={(v) => save.mutate(v)}>
        {FIELDS.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true }]}>
            <InputNumber min={f.min} max={f.max} addonAfter={f.unit} style={{ width: 180 }} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
