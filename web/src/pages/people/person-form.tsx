import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { normalizeText } from '../../../../src/kit/input-rules';
import { ID_PROBLEM_TEXT, isMobilePhone, parseIdNumber } from '../../../../src/modules/people/rules';
import { api } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { normalizeInput } from '../../components/form-rules';
import type { Person } from '../../contracts';
import { KEY_GROUP_LABELS, TAG_LABELS } from '../../labels';
import { HouseholdPicker } from './household-picker';

interface Values {
  name: string;
  idNumber?: string;
  phone?: string;
  tags: string[];
  keyGroup?: string;
  registeredAddress?: string;
  householdId?: number;
}

/**
 * Adds a resident by hand (`person` absent: at `household`) or edits one. Checks what the server checks first
 * (GB 11643 check digit, 11-digit mobile); a field the server refuses is highlighted with its message. A masked
 * phone is never sent back: it changes only when typed anew.
 */
export function PersonForm({
  open,
  person,
  household,
  onClose,
}: {
  open: boolean;
  person?: Person;
  household?: { id: number; address: string };
  onClose: (saved?: Person) => void;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (person)
      form.setFieldsValue({
        name: person.name,
        phone: person.masked ? undefined : (person.phone ?? undefined),
        tags: person.tags,
        keyGroup: person.keyGroup ?? undefined,
        registeredAddress: person.registeredAddress ?? undefined,
      });
    else form.setFieldsValue({ tags: [], householdId: household?.id });
  }, [open, person, household, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const phone = v.phone ? v.phone : null;
      // A cleared Select leaves undefined: the server is told null (no key group).
      const keyGroup = v.keyGroup ?? null;
      if (!person)
        return api.post<Person>('/api/people', { ...v, phone, keyGroup, registeredAddress: v.registeredAddress || null });
      const changed: Record<string, unknown> = { name: v.name, tags: v.tags };
      // Sent only when changed, so the audit row names only what the worker changed.
      if (keyGroup !== person.keyGroup) changed.keyGroup = keyGroup;
      if (form.isFieldTouched('phone') || !person.masked) changed.phone = phone;
      if (person.registeredAddress !== null || v.registeredAddress) changed.registeredAddress = v.registeredAddress || null;
      return api.patch<Person>(`/api/people/${person.id}`, changed);
    },
    onSuccess: (saved) => {
      message.success(person ? '居民信息已保存' : '居民已登记');
      qc.invalidateQueries({ queryKey: ['people'] });
      qc.invalidateQueries({ queryKey: ['person'] });
      onClose(saved);
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e);
    },
  });
  return (
    <Modal
      open={open}
      title={person ? `修改居民信息：${person.name}` : '新增居民'}
      okText="保存"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="person-form">
        <Form.Item
          name="name"
          label="姓名"
          normalize={normalizeInput}
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        {!person && (
          <Form.Item
            name="idNumber"
            label="身份证号"
            normalize={(v?: string) => v && normalizeText(v).toUpperCase()}
            rules={[
              { required: true, message: '请填写身份证号' },
              {
                validator: async (_, v?: string) => {
                  const r = v ? parseIdNumber(v, new Date()) : undefined;
                  if (r && !r.ok) throw new Error(ID_PROBLEM_TEXT[r.problem].zh);
                },
              },
            ]}
          >
            <Input maxLength={18} />
          </Form.Item>
        )}
        <Form.Item
          name="phone"
          label="手机号"
          normalize={normalizeInput}
          extra={person?.masked && person.phone ? `现为 ${person.phone}（已隐藏），填写则替换` : undefined}
          rules={[
            {
              validator: async (_, v?: string) =>
                v && !isMobilePhone(v) ? Promise.reject(new Error('应为11位手机号码')) : undefined,
            },
          ]}
        >
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
        {!person && (
          <Form.Item name="householdId" label="住户" rules={[{ required: true, message: '请选择住户（门牌）' }]}>
            <HouseholdPicker current={household} />
          </Form.Item>
        )}
        <Form.Item name="tags" label="特殊人群">
          <Select mode="multiple" allowClear options={Object.entries(TAG_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="keyGroup" label="重点人群" extra="重点人群在全员核酸检测中须单人单管">
          <Select
            allowClear
            placeholder="无"
            options={Object.entries(KEY_GROUP_LABELS).map(([value, label]) => ({ value, label }))}
            data-testid="key-group-select"
          />
        </Form.Item>
        <Form.Item name="registeredAddress" label="户籍地址" normalize={normalizeInput}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
