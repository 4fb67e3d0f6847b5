import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { api, withoutBlanks } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { callablePhoneRule, idNumberRule, normalizeInput } from '../../components/form-rules';
import { PositivePicker } from './positive-picker';

/**
 * 登记密接: a close contact traced from a case. Saving the same person again (same ID number, or same name and
 * phone without one) records nothing new: the server says so and the form says it was already recorded.
 */
export function NewContact({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const add = useMutation({
    mutationFn: (v: Record<string, string | number>) =>
      api.post<{ inserted: number }>('/api/surveillance/contacts', { contacts: [withoutBlanks({ ...v, kind: 'close' })] }),
    onSuccess: (r) => {
      if (r.inserted) message.success('已登记密切接触者（待排查）');
      else message.info('该密接已登记过，未重复登记');
      qc.invalidateQueries({ queryKey: ['contacts'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e, (p) => (p[0] === 'contacts' ? p.slice(2) : undefined));
    },
  });
  return (
    <Modal open={open} title="登记密切接触者" onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
        <Form.Item name="sourcePositiveId" label="关联病例" rules={[{ required: true, message: '请选择病例' }]}>
          <PositivePicker testId="contact-source" />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          normalize={normalizeInput}
          rules={[idNumberRule]}
          extra="无身份证号（外籍人员、儿童、暂未获知）时，按姓名和电话识别同一人"
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" normalize={normalizeInput} rules={[callablePhoneRule]}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
