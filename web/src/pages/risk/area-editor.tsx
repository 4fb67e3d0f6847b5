import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, qs } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { normalizeInput } from '../../components/form-rules';
import { PlaceOption } from '../../components/place-option';
import type { AreaSpec, FoundNode, RiskAreaDetail, TerritoryNode } from '../../contracts';
import { areaLabel } from './labels';

/** The levels an area is drawn on, as the territory search finds them. */
const DRAWN_ON = 'street,town,community,village,compound,place';
const PARTS = [
  { value: 'whole', label: '整体' },
  { value: 'buildings', label: '部分楼栋' },
  { value: 'building_range', label: '楼栋区间' },
  { value: 'units', label: '某楼栋的单元' },
];

interface Values {
  nodeId?: number;
  name?: string;
  kind: AreaSpec['part']['kind'];
  names?: string[];
  from?: string;
  to?: string;
  enclosed?: boolean;
  building?: string;
  units?: string[];
  except?: string[];
  outer?: boolean;
  address?: string;
  position?: 'before' | 'after';
  suffix?: string;
}

/** The spec the form describes, as the server takes it (area-spec.ts). */
function specOf(v: Values, node: FoundNode | undefined): AreaSpec | undefined {
  if (!node) return undefined;
  const part: AreaSpec['part'] =
    v.kind === 'buildings'
      ? { kind: 'buildings', names: v.names ?? [] }
      : v.kind === 'building_range'
        ? { kind: 'building_range', from: v.from ?? '', to: v.to ?? '', enclosed: !!v.enclosed }
        : v.kind === 'units'
          ? { kind: 'units', building: v.building ?? '', units: v.units ?? [] }
          : { kind: 'whole' };
  return {
    nodeId: node.id,
    nodeType: node.type as AreaSpec['nodeType'],
    name: v.name || node.name,
    part,
    ...(v.except?.length ? { except: { names: v.except, outer: v.outer ?? true } } : {}),
    ...(v.address ? { address: { text: v.address, position: v.position ?? 'before' } } : {}),
    ...(v.suffix ? { suffix: v.suffix } : {}),
  };
}

/** The form's values for a stored spec (the inverse of `specOf`). */
function valuesOf(spec: AreaSpec): Values {
  const p = spec.part;
  return {
    nodeId: spec.nodeId,
    name: spec.name,
    kind: p.kind,
    names: p.kind === 'buildings' ? p.names : [],
    from: p.kind === 'building_range' ? p.from : undefined,
    to: p.kind === 'building_range' ? p.to : undefined,
    enclosed: p.kind === 'building_range' ? p.enclosed : false,
    building: p.kind === 'units' ? p.building : undefined,
    units: p.kind === 'units' ? (Array.isArray(p.units) ? p.units : [p.units.from, p.units.to]) : [],
    except: spec.except?.names ?? [],
    outer: spec.except?.outer ?? true,
    address: spec.address?.text,
    position: spec.address?.position ?? 'before',
    suffix: spec.suffix,
  };
}

/**
 * A units range (1单元至7单元, from the API or an import) shows on the form as its two ends; saved unchanged, it
 * stays the range it was rather than becoming a list of two units.
 */
function keptRange(spec: AreaSpec, before: AreaSpec | undefined): AreaSpec {
  const was = before?.part;
  const now = spec.part;
  if (was?.kind !== 'units' || Array.isArray(was.units) || now.kind !== 'units' || !Array.isArray(now.units)) return spec;
  const same = now.building === was.building && now.units.join() === [was.units.from, was.units.to].join();
  return same ? { ...spec, part: was } : spec;
}

/** Where a refused field of the spec sits on this form. */
const fieldOf = (p: (string | number)[]): (string | number)[] | undefined => {
  const [a, b] = p;
  if (a === 'part') return b === 'names' || b === 'from' || b === 'to' || b === 'building' || b === 'units' ? [b] : ['kind'];
  if (a === 'except') return ['except'];
  if (a === 'address') return ['address'];
  return typeof a === 'string' ? [a] : undefined;
};

const useChildren = (id: number | undefined) =>
  useQuery({
    enabled: !!id,
    queryKey: ['risk-children', id],
    queryFn: () => api.get<{ items: TerritoryNode[] }>(`/api/territory/nodes/${id}/children${qs({ pageSize: 200 })}`),
  });

/**
 * 划定风险区域: the node (found by the territory search, shown with where it lies), the part of it the notice
 * names (whole, buildings, a range of buildings and the block they enclose, units of a building), exceptions,
 * the address and its position, a suffix; the label as the notice will print it is previewed as it is typed.
 */
export function AreaEditor({ open, onClose, area }: { open: boolean; onClose: () => void; area?: RiskAreaDetail }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const [node, setNode] = useState<FoundNode>();
  // Redrawing an area: its node and spec fill the form (a units range is edited as the list of its two ends).
  useEffect(() => {
    if (!open) return;
    if (!area) {
      form.resetFields();
      setNode(undefined);
      return;
    }
    setNode({ id: area.nodeId, type: area.nodeType, name: area.spec.name, trail: area.trail, address: null } as FoundNode);
    form.setFieldsValue(valuesOf(area.spec));
  }, [open, area, form]);
  const found = useQuery({
    enabled: q.trim().length > 0,
    queryKey: ['risk-search', q],
    queryFn: () => api.get<{ items: FoundNode[] }>(`/api/territory/search${qs({ q: q.trim(), type: DRAWN_ON, limit: 20 })}`),
  });
  const values = Form.useWatch([], form) ?? ({ kind: 'whole' } as Values);
  const children = useChildren(node?.type === 'compound' ? node.id : undefined);
  const buildings = (children.data?.items ?? []).filter((c) => c.type === 'building');
  const building = buildings.find((b) => b.name === values.building);
  const units = useChildren(values.kind === 'units' ? building?.id : undefined).data?.items ?? [];
  const names = (list: readonly TerritoryNode[]) => list.map((c) => ({ value: c.name, label: c.name }));
  // The label is previewed once the part names what it needs (a range both its ends, units their building).
  const complete =
    (values.kind !== 'buildings' || !!values.names?.length) &&
    (values.kind !== 'building_range' || (!!values.from && !!values.to)) &&
    (values.kind !== 'units' || (!!values.building && !!values.units?.length));
  const drawn = complete ? specOf(values, node) : undefined;
  const spec = drawn && keptRange(drawn, area?.spec);
  const save = useMutation({
    mutationFn: (s: AreaSpec) =>
      area ? api.put<{ id: number }>(`/api/risk/areas/${area.id}`, s) : api.post<{ id: number }>('/api/risk/areas', s),
    onSuccess: () => {
      message.success(area ? '风险区域已修改' : '风险区域已划定');
      qc.invalidateQueries({ queryKey: ['risk-areas'] });
      form.resetFields();
      setNode(undefined);
      onClose();
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e, fieldOf);
    },
  });
  return (
    <Modal
      open={open}
      title={area ? '修改风险区域' : '划定风险区域'}
      width={640}
      okText="保存"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'whole', outer: true, position: 'before' }}
        onFinish={(v) => {
          const s = specOf(v, node);
          if (s) save.mutate(keptRange(s, area?.spec));
        }}
      >
        <Form.Item name="nodeId" label="所在节点（小区、场所、街道或乡镇）" rules={[{ required: true, message: '请选择节点' }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            placeholder="输入小区、场所名称、地址或拼音首字母"
            data-testid="area-node"
            notFoundContent={q ? '没有找到' : null}
            options={(found.data?.items ?? (node ? [node] : [])).map((n) => ({ value: n.id, label: n.name, node: n }))}
            optionRender={(o) => <PlaceOption node={(o.data as { node: FoundNode }).node} />}
            onChange={(_, o) => {
              const n = (o as { node?: FoundNode } | undefined)?.node;
              setNode(n);
              form.setFieldsValue({ name: n?.name, kind: 'whole', names: [], except: [], building: undefined, units: [] });
            }}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称（通告所用）"
          normalize={normalizeInput}
          rules={[{ required: true, message: '请填写名称' }]}
        >
          <Input />
        </Form.Item>
        {node?.type === 'compound' && (
          <Form.Item name="kind" label="范围">
            <Radio.Group options={PARTS} optionType="button" />
          </Form.Item>
        )}
        {values.kind === 'buildings' && (
          <Form.Item name="names" label="楼栋" rules={[{ required: true, message: '请选择楼栋' }]}>
            <Select mode="multiple" options={names(buildings)} data-testid="area-buildings" />
          </Form.Item>
        )}
        {values.kind === 'building_range' && (
          <Space.Compact style={{ marginBottom: 24 }}>
            <Form.Item name="from" noStyle rules={[{ required: true }]}>
              <Select placeholder="起始楼栋" options={names(buildings)} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="to" noStyle rules={[{ required: true }]}>
              <Select placeholder="终止楼栋" options={names(buildings)} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="enclosed" noStyle valuePropName="checked">
              <Checkbox style={{ marginLeft: 12, lineHeight: '32px' }}>合围区</Checkbox>
            </Form.Item>
          </Space.Compact>
        )}
        {values.kind === 'units' && (
          <>
            <Form.Item name="building" label="楼栋" rules={[{ required: true, message: '请选择楼栋' }]}>
              <Select options={names(buildings)} />
            </Form.Item>
            <Form.Item name="units" label="单元" rules={[{ required: true, message: '请选择单元' }]}>
              <Select mode="multiple" options={names(units)} />
            </Form.Item>
          </>
        )}
        {node?.type === 'compound' && (
          <Form.Item label="除外" style={{ marginBottom: 0 }}>
            <Form.Item name="except" style={{ display: 'inline-block', width: 'calc(100% - 120px)' }}>
              <Select
                mode="multiple"
                allowClear
                placeholder={values.kind === 'units' ? '除外的单元' : '除外的楼栋'}
                options={names(values.kind === 'units' ? units : buildings)}
                data-testid="area-except"
              />
            </Form.Item>
            <Form.Item name="outer" valuePropName="checked" style={{ display: 'inline-block', marginLeft: 12 }}>
              <Checkbox>写“外”</Checkbox>
            </Form.Item>
          </Form.Item>
        )}
        <Form.Item label="地址" style={{ marginBottom: 0 }}>
          <Form.Item name="address" normalize={normalizeInput} style={{ display: 'inline-block', width: 'calc(100% - 180px)' }}>
            <Input placeholder="如 学府路194号（可不填）" />
          </Form.Item>
          <Form.Item name="position" style={{ display: 'inline-block', marginLeft: 12 }}>
            <Radio.Group
              options={[
                { value: 'before', label: '名称前' },
                { value: 'after', label: '名称后' },
              ]}
            />
          </Form.Item>
        </Form.Item>
        <Form.Item name="suffix" label="附注" normalize={normalizeInput}>
          <Input placeholder="如 及其临街商服（可不填）" />
        </Form.Item>
        <Typography.Paragraph data-testid="area-preview">
          <Typography.Text type="secondary">通告中写作：</Typography.Text>
          {spec ? areaLabel(spec) : '—'}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
