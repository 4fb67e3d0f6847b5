import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, qs } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { PlaceOption } from '../../components/place-option';
import type { FoundNode } from '../../contracts';
import { beijing } from '../risk/labels';

/** The levels a round covers: the whole city, districts, streets and towns, communities and villages, compounds. */
const COVERED = 'city,district,county,county_city,street,town,community,village,compound';
export const MODE_OPTIONS = [
  { value: 'pool10', label: '10混1' },
  { value: 'pool5', label: '5混1' },
  { value: 'pool20', label: '20混1' },
  { value: 'single', label: '单人单管' },
];

interface Values {
  number: number;
  nodeIds: number[];
  startsAt: Dayjs;
  endsAt?: Dayjs;
  defaultMode: string;
}

/** 组织检测轮次: its number, the places it covers (any level the caller may see), start, planned end and pooling. */
export function RoundEditor({ open, next, onClose }: { open: boolean; next: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<FoundNode[]>([]);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const found = useQuery({
    enabled: q.trim().length > 0,
    queryKey: ['testing-round-places', q],
    queryFn: () => api.get<{ items: FoundNode[] }>(`/api/territory/search${qs({ q: q.trim(), type: COVERED, limit: 20 })}`),
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<{ id: number; target: number; status: 'opening' | 'open' }>('/api/testing/rounds', {
        number: v.number,
        nodeIds: v.nodeIds,
        startsAt: beijing(v.startsAt),
        ...(v.endsAt ? { endsAt: beijing(v.endsAt) } : {}),
        defaultMode: v.defaultMode,
      }),
    onSuccess: (r) => {
      message.success(
        r.status === 'open'
          ? `已组织检测轮次，应检 ${r.target.toLocaleString('zh-CN')} 人`
          : `已组织检测轮次，正在生成应检名单（已生成 ${r.target.toLocaleString('zh-CN')} 人），完成前不能登记免检或结束本轮`,
      );
      qc.invalidateQueries({ queryKey: ['testing-rounds'] });
      form.resetFields();
      setPicked([]);
      onClose();
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e);
    },
  });
  const options = [...picked, ...(found.data?.items ?? []).filter((n) => !picked.some((p) => p.id === n.id))];
  return (
    <Modal
      open={open}
      title="组织检测轮次"
      width={600}
      okText="组织"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ number: next, defaultMode: 'pool10' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="number" label="轮次（第N轮）" rules={[{ required: true, message: '请填写轮次' }]}>
          <InputNumber min={1} max={99} style={{ width: 120 }} data-testid="round-number" />
        </Form.Item>
        <Form.Item
          name="nodeIds"
          label="检测范围（全市、区县、街道、社区或小区）"
          rules={[{ required: true, message: '请选择检测范围' }]}
        >
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setQ}
            placeholder="输入名称、地址或拼音首字母"
            data-testid="round-nodes"
            notFoundContent={q ? '没有找到' : null}
            options={options.map((n) => ({ value: n.id, label: n.name, node: n }))}
            optionRender={(o) => <PlaceOption node={(o.data as { node: FoundNode }).node} />}
            onChange={(ids: number[]) => setPicked(options.filter((n) => ids.includes(n.id)))}
          />
        </Form.Item>
        <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="round-start" />
        </Form.Item>
        <Form.Item name="endsAt" label="计划结束时间（默认开始后24小时）">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="defaultMode" label="混采模式（中风险区5混1、高风险区单人单管、封控小区1户1管，按当日风险等级自动执行）">
          <Select options={MODE_OPTIONS} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
