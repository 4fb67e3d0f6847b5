import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { RiskArea } from '../../contracts';
import { beijing, LEVEL_OPTIONS, ZONE_OPTIONS } from './labels';

/**
 * 拟定等级调整: an area's level and control zone from an exact hour (Beijing time, as notices say 自…时起). The
 * change waits for publication: by a notice, or by the city HQ directly from the 待发布 list.
 */
export function PlanChange({ area, onClose }: { area: RiskArea | undefined; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ level: string; zone: string; from: Dayjs }>();
  const plan = useMutation({
    mutationFn: (v: { level: string; zone: string; from: Dayjs }) =>
      api.post(`/api/risk/areas/${area?.id}/changes`, { level: v.level, zone: v.zone, from: beijing(v.from) }),
    onSuccess: () => {
      message.success('已拟定，待发布后生效');
      qc.invalidateQueries({ queryKey: ['risk-changes'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e);
    },
  });
  return (
    <Modal
      open={!!area}
      title={`拟定等级调整：${area?.label ?? ''}`}
      okText="拟定"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={plan.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ level: 'high', zone: 'sealed' }} onFinish={(v) => plan.mutate(v)}>
        <Form.Item name="level" label="风险等级" rules={[{ required: true }]}>
          <Select options={LEVEL_OPTIONS} data-testid="plan-level" />
        </Form.Item>
        <Form.Item name="zone" label="管控类型" rules={[{ required: true }]}>
          <Select options={ZONE_OPTIONS} data-testid="plan-zone" />
        </Form.Item>
        <Form.Item name="from" label="起始时间（北京时间）" rules={[{ required: true, message: '请选择起始时间' }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            data-testid="plan-from"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
