import { useMutation } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Form, Input, Space } from 'antd';
import { api } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { normalizeInput } from '../../components/form-rules';
import { usePhone } from '../../components/phone';
import type { PolicyEdition } from '../../contracts';
import {
  HealthCodeSection,
  LoweringSection,
  NotesSection,
  required,
  TermsSection,
  TestingSection,
  TiersSection,
} from './edition-sections';
import { type EditionValues, formNameOf, fromValues, toValues } from './edition-values';

/**
 * The city HQ's form for an edition, field by field (not raw JSON): a new edition starts from `base` (the one in
 * force) and needs its own code, name, source and effective time; an edited one keeps its code. A refusal
 * highlights the fields the server names.
 */
export function EditionForm({
  base,
  editing,
  onClose,
  onSaved,
}: {
  base: PolicyEdition;
  editing: boolean;
  onClose: () => void;
  onSaved: (e: PolicyEdition) => void;
}) {
  const phone = usePhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditionValues>();
  const save = useMutation({
    mutationFn: (v: EditionValues) =>
      editing
        ? api.put<PolicyEdition>(`/api/policy/editions/${base.id}`, fromValues(v))
        : api.post<PolicyEdition>('/api/policy/editions', fromValues(v)),
    onSuccess: (e) => {
      message.success(`已保存：${e.name}`);
      onSaved(e);
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e, formNameOf);
    },
  });
  // Fields hidden by a switch (a term not determined) keep their values: submit the whole store.
  const submit = () => form.validateFields().then(() => save.mutate(form.getFieldsValue(true)));
  return (
    <Drawer
      open
      size={phone ? '100%' : 820}
      title={editing ? `编辑：${base.name}` : '新增防控方案版本'}
      onClose={onClose}
      extra={
        <Button type="primary" onClick={submit} loading={save.isPending}>
          保存
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={toValues(base, !editing)} requiredMark>
        <Space wrap align="start">
          <Form.Item name="name" label="版本名称" rules={required('请填写版本名称')} normalize={normalizeInput}>
            <Input style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="code" label="版本代码" rules={required('请填写版本代码，如 ed9')} tooltip="小写字母、数字和连字符">
            <Input disabled={editing} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="起效时间（北京时间）" rules={required('请选择起效时间')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="issued" label="发布日期" rules={required('请选择发布日期')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="source" label="来源（文件名称、发布机关、日期）" rules={required('请填写来源')}>
          <Input.TextArea autoSize />
        </Form.Item>

        <TiersSection />
        <LoweringSection />
        <TermsSection />
        <TestingSection />
        <HealthCodeSection />
        <NotesSection />
      </Form>
    </Drawer>
  );
}
