import { useQuery } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { VENUE_KINDS } from '../../../../src/modules/healthcode/venues/rules';
import { api, qs } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { Venue, VenueBody, VenuesPage } from '../../contracts';
import { PoolNodeSelect } from '../testing/pool-node-select';

const NODE_TYPES = ['district', 'county', 'county_city', 'street', 'town', 'community', 'village', 'compound', 'place'];

interface Values {
  kind: VenueBody['kind'];
  name: string;
  nodeId: number;
  parentId?: number;
  line?: string;
  plate?: string;
  address?: string;
  green: boolean;
  testRequired: boolean;
  hours?: number;
}

/** A searchable picker of the logistics parks in scope (their venues' 所属园区). */
function ParkSelect({ value, onChange, known }: { value?: number; onChange?: (v: number) => void; known?: Venue | null }) {
  const [q, setQ] = useState('');
  const parks = useQuery({
    queryKey: ['venues', 'parks', q],
    queryFn: () =>
      api.get<VenuesPage>(`/api/healthcode/venues${qs({ kind: 'logistics_park', active: 'true', q: q.trim(), pageSize: 50 })}`),
  });
  const options = (parks.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${[...p.trail, p.nodeName].join(' · ')}）`,
  }));
  if (known && value === known.parentId && known.parentId && !options.some((o) => o.value === known.parentId))
    options.unshift({ value: known.parentId, label: known.parentName ?? `#${known.parentId}` });
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="搜索物流园区名称"
      options={options}
      data-testid="venue-park"
    />
  );
}

/** 登记场所 / 修改场所: the drawer's form; `venue` null creates, `parkId` presets the park (添加分区). */
export function VenueDrawer({
  open,
  venue,
  parkId,
  onClose,
  onSaved,
}: {
  open: boolean;
  venue: Venue | null;
  parkId?: number;
  onClose: () => void;
  onSaved: (v: Venue) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const testRequired = Form.useWatch('testRequired', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (venue)
      form.setFieldsValue({
        kind: venue.kind,
        name: venue.name,
        nodeId: venue.nodeId,
        parentId: venue.parentId ?? undefined,
        line: venue.line ?? undefined,
        plate: venue.plate ?? undefined,
        address: venue.address ?? undefined,
        green: venue.rule.green,
        testRequired: venue.rule.negativeWithinHours !== null,
        hours: venue.rule.negativeWithinHours ?? 72,
      });
    else form.setFieldsValue({ kind: parkId ? 'zone' : 'shop', parentId: parkId, green: true, testRequired: true, hours: 72 });
  }, [open, venue, parkId, form]);

  const submit = async (v: Values) => {
    const body: VenueBody = {
      kind: v.kind,
      name: v.name,
      nodeId: v.nodeId,
      parentId: v.parentId ?? null,
      line: v.kind === 'bus' ? v.line || null : null,
      plate: v.kind === 'taxi' ? v.plate || null : null,
      address: v.address || null,
      rule: { green: v.green, negativeWithinHours: v.testRequired ? (v.hours ?? 72) : null },
    };
    setBusy(true);
    try {
      const saved = venue
        ? await api.put<Venue>(`/api/healthcode/venues/${venue.id}`, body)
        : await api.post<Venue>('/api/healthcode/venues', body);
      message.success(venue ? '已保存' : `已登记“${saved.name}”，场所码 ${saved.code}`);
      onSaved(saved);
    } catch (e) {
      showFieldErrors(form, e);
      message.error(e instanceof Error ? e.message : '保存失败');
    } finally {
      setBusy(false);
    }
  };
  const inPark = kind === 'zone' || kind === 'warehouse' || kind === 'shop';
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={520}
      title={venue ? `修改场所：${venue.name}` : '登记场所'}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="venue-save">
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="venue-form">
        <Form.Item name="kind" label="场所类型" rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="venue-kind"
            options={Object.entries(VENUE_KINDS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="name" label="场所名称" rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input placeholder="如：哈尔滨国际物流园、A区、光华便民超市" data-testid="venue-name" />
        </Form.Item>
        <Form.Item name="nodeId" label="所在辖区" rules={[{ required: true, message: '请选择所在辖区' }]}>
          <PoolNodeSelect
            types={NODE_TYPES}
            known={venue ? [{ id: venue.nodeId, name: venue.nodeName }] : []}
            placeholder="输入社区、小区或场所名称搜索"
          />
        </Form.Item>
        {inPark && (
          <Form.Item
            name="parentId"
            label="所属园区"
            rules={[{ required: kind !== 'shop', message: '园区分区和仓库须选择所属园区' }]}
            extra="一区一店一库一码：园区的每个分区、商铺和仓库各有一个场所码"
          >
            <ParkSelect known={venue} />
          </Form.Item>
        )}
        {kind === 'bus' && (
          <Form.Item name="line" label="公交线路" rules={[{ required: true, whitespace: true, max: 40 }]}>
            <Input placeholder="如：343路" />
          </Form.Item>
        )}
        {kind === 'taxi' && (
          <Form.Item name="plate" label="车牌号" rules={[{ required: true, whitespace: true, max: 12 }]}>
            <Input placeholder="如：黑AT1234" />
          </Form.Item>
        )}
        <Form.Item name="address" label="地址" rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="green" label="须绿码" valuePropName="checked" extra="关闭时：非红码即可通行">
          <Switch />
        </Form.Item>
        <Form.Item name="testRequired" label="查验核酸" valuePropName="checked">
          <Switch />
        </Form.Item>
        {testRequired && (
          <Form.Item name="hours" label="须几小时内核酸阴性" rules={[{ required: true }]}>
            <InputNumber min={1} max={720} addonAfter="小时" style={{ width: 180 }} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
