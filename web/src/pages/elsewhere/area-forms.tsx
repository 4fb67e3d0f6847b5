import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api, withoutBlanks } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { normalizeInput } from '../../components/form-rules';
import type { ElsewhereArea } from '../../contracts';
import { instantField, LEVEL_LABELS, LEVEL_OPTIONS, placeOf } from './labels';

const required = (message: string) => [{ required: true, message }];

/** A write of the registry: the list refreshes after it; a refusal is shown on the fields it names. */
function useAreaWrite<V>(url: (v: V) => string, done: (a: ElsewhereArea) => void, form: ReturnType<typeof Form.useForm>[0]) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => api.post<ElsewhereArea>(url(v), withoutBlanks(v)),
    onSuccess: (a) => {
      qc.invalidateQueries({ queryKey: ['elsewhere'] });
      done(a);
    },
    onError: (e) => {
      showFieldErrors(form, e);
      message.error(e.message);
    },
  });
}

/** 登记外地风险地区: an area from another city's notice, entered by hand (province, city, county, name, level, start). */
export function AddArea() {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const add = useAreaWrite<Record<string, string>>(
    () => '/api/elsewhere/areas',
    (a) => {
      message.success(`已登记：${placeOf(a)}（${LEVEL_LABELS[a.level]}）`);
      form.resetFields();
      setOpen(false);
    },
    form,
  );
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="area-add">
        登记地区
      </Button>
      <Modal
        open={open}
        title="登记外地风险地区"
        okText="登记"
        onOk={form.submit}
        confirmLoading={add.isPending}
        onCancel={() => setOpen(false)}
      >
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} initialValues={{ level: 'medium' }}>
          <Space wrap>
            <Form.Item name="province" label="省份" rules={required('请填写省份')} normalize={normalizeInput}>
              <Input placeholder="河北省" maxLength={50} />
            </Form.Item>
            <Form.Item name="city" label="城市" rules={required('请填写城市')} normalize={normalizeInput}>
              <Input placeholder="石家庄市" maxLength={50} />
            </Form.Item>
            <Form.Item name="district" label="区县" normalize={normalizeInput}>
              <Input placeholder="深泽县 (可空)" maxLength={50} />
            </Form.Item>
          </Space>
          <Form.Item name="name" label="区域名称（按通告原文）" rules={required('请填写区域名称')}>
            <Input placeholder="河庄村" maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="level" label="风险等级">
              <Select style={{ width: 120 }} options={LEVEL_OPTIONS} />
            </Form.Item>
            <Form.Item name="since" label="起始时间" rules={required('请选择起始时间')} {...instantField}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

/** 调整等级 / 解除 of an area the CDC entered: from a time on, the earlier span kept in its history. */
export function AreaActions({ area }: { area: ElsewhereArea }) {
  const { message } = App.useApp();
  const [mode, setMode] = useState<'level' | 'end'>();
  const [form] = Form.useForm();
  const write = useAreaWrite<{ level?: string; at: string }>(
    () => `/api/elsewhere/areas/${area.id}/${mode}`,
    (a) => {
      message.success(mode === 'end' ? `已解除：${placeOf(a)}` : `已调整为${LEVEL_LABELS[a.level]}：${placeOf(a)}`);
      setMode(undefined);
    },
    form,
  );
  if (area.source !== 'manual' || area.until) return null;
  return (
    <>
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setMode('level')}>
          调整等级
        </Button>
        <Button type="link" size="small" danger onClick={() => setMode('end')}>
          解除
        </Button>
      </Space>
      <Modal
        open={!!mode}
        destroyOnHidden
        title={`${mode === 'end' ? '解除' : '调整等级'}：${placeOf(area)}`}
        onOk={form.submit}
        confirmLoading={write.isPending}
        onCancel={() => setMode(undefined)}
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => write.mutate(v)}>
          {mode === 'level' && (
            <Form.Item name="level" label="调整为" rules={required('请选择等级')}>
              <Select options={LEVEL_OPTIONS.filter((o) => o.value !== area.level)} />
            </Form.Item>
          )}
          <Form.Item name="at" label={mode === 'end' ? '解除时间' : '调整时间'} rules={required('请选择时间')} {...instantField}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
