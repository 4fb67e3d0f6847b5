import { DownOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Form, Input, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import type { ContactStatus } from '../../../../src/modules/surveillance/contacts/contract';
import { statusesFrom } from '../../../../src/modules/surveillance/contacts/rules';
import { api } from '../../api';
import type { Contact } from '../../contracts';
import { CONTACT_STATUS_COLORS, CONTACT_STATUS_LABELS, CONTROL_MEASURE_LABELS } from './labels';

/** A contact's status as a tag, with its control measure. */
export function StatusTag({ c }: { c: Pick<Contact, 'status' | 'controlMeasure'> }) {
  return (
    <Tag color={CONTACT_STATUS_COLORS[c.status]}>
      {CONTACT_STATUS_LABELS[c.status]}
      {c.controlMeasure ? `·${CONTROL_MEASURE_LABELS[c.controlMeasure]}` : ''}
    </Tag>
  );
}

interface Pending {
  to: ContactStatus;
  back: boolean;
}

/**
 * The status of a contact and, for those who may write, the moves the workflow allows from it (rules.ts
 * `statusesFrom`): a control asks its measure, a step back its reason. The tag shows what the server holds: a
 * refused change keeps the dialog open with the server's message instead of flipping back silently.
 */
export function StatusControl({ c, write }: { c: Contact; write: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<Pending | null>(null);
  const [form] = Form.useForm<{ measure?: string; reason?: string }>();
  const change = useMutation({
    mutationFn: (body: { status: ContactStatus; measure?: string; reason?: string }) =>
      api.post(`/api/surveillance/contacts/${c.id}/status`, body),
    onSuccess: (_, body) => {
      message.success(`${c.name}：已改为“${CONTACT_STATUS_LABELS[body.status]}”`);
      setAsking(null);
      form.resetFields();
      qc.invalidateQueries({ queryKey: ['contacts'] });
    },
    onError: (e) => message.error(`状态未修改：${e.message}`),
  });
  if (!write) return <StatusTag c={c} />;
  const moves = statusesFrom(c.status);
  const pick = (to: ContactStatus, back: boolean) =>
    to === 'controlled' || back ? setAsking({ to, back }) : change.mutate({ status: to });
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: moves.map((m) => ({
            key: m.status,
            label: m.status === c.status ? '更改管控方式' : `${m.back ? '退回' : '改为'}“${CONTACT_STATUS_LABELS[m.status]}”`,
            danger: m.back,
          })),
          onClick: ({ key }) => pick(key as ContactStatus, moves.find((m) => m.status === key)?.back ?? false),
        }}
      >
        <Button size="small" loading={change.isPending} data-testid={`status-${c.id}`}>
          <StatusTag c={c} />
          <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={!!asking}
        title={asking && `${c.name}：${asking.back ? '退回' : '改为'}“${CONTACT_STATUS_LABELS[asking.to]}”`}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        confirmLoading={change.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => asking && change.mutate({ status: asking.to, ...v })}
          initialValues={{ measure: asking?.to === 'controlled' ? (c.controlMeasure ?? undefined) : undefined }}
        >
          {asking?.to === 'controlled' && (
            <Form.Item name="measure" label="管控方式" rules={[{ required: true, message: '请选择管控方式' }]}>
              <Select
                data-testid="control-measure"
                options={Object.entries(CONTROL_MEASURE_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          )}
          {asking?.back && (
            <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}>
              <Input.TextArea rows={2} maxLength={100} placeholder="如：电话空号，未联系上本人" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
