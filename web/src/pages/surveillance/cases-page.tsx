import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { rootQuery, useCan } from '../../access';
import { api, qs, withoutBlanks } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ExportButton } from '../../components/export-button';
import { showFieldErrors } from '../../components/form-errors';
import { idNumberRule, normalizeInput } from '../../components/form-rules';
import type { Channel, KeysetPage, Positive, TerritoryNode } from '../../contracts';
import { AccountFields, type AccountRow, accountFieldName, toAccount } from './account-fields';
import { CaseDetail } from './case-detail';
import { DailyChart } from './daily-chart';
import { caseName, KIND_LABELS, SEVERITY_LABELS } from './labels';
import { PositivePicker } from './positive-picker';
import { TrajectoryEditor, type TrajectoryRow, toEntries, trajectoryFieldName } from './trajectory-editor';

/** The list's filters by URL (the overview's figures link here: ?date=, ?districtId=, ?channel=, ?kind=). */
const FILTERS = ['date', 'districtId', 'channel', 'kind'] as const;

/** 病例: the positives of a day, and the form the CDC fills for each new one (for those who may enter them). */
export function CasesPage() {
  const write = useCan()('cases.write');
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]));
  const date = filter.date ? dayjs(filter.date) : null;
  const pages = useCursorPages(50);
  const { after, pageSize } = pages;
  /** Sets (or, with undefined, clears) one filter and starts again at the first page. */
  const refine = (k: (typeof FILTERS)[number], v?: string) => {
    setParams((p) => {
      if (v) p.set(k, v);
      else p.delete(k);
      return p;
    });
    pages.reset();
  };
  const setDate = (d: Dayjs | null) => refine('date', d?.format('YYYY-MM-DD'));
  const [open, setOpen] = useState(false);
  // `?id=` opens a case's detail: the chain graph's side panel links here.
  const [detail, setDetail] = useState<number | null>(Number(params.get('id')) || null);
  const list = useQuery({
    queryKey: ['positives', filter, after, pageSize],
    queryFn: () => api.get<KeysetPage<Positive>>(`/api/surveillance/positives${qs({ ...filter, after, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title="阳性感染者"
      extra={
        write && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-case">
            登记病例
          </Button>
        )
      }
    >
      <DailyChart onPick={(d) => setDate(dayjs(d))} />
      <Space style={{ marginBottom: 12 }} wrap>
        <DatePicker value={date} onChange={setDate} allowClear placeholder="全部日期" />
        <FilterTags filter={filter} onClear={(k) => refine(k)} />
        <ExportButton
          url={`/api/surveillance/positives/export${qs({ date: date?.format('YYYY-MM-DD') })}`}
          label="导出病例表"
          filename="病例表.xlsx"
        />
      </Space>
      <Table<Positive>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        onRow={(p) => ({ onClick: () => setDetail(p.id), style: { cursor: 'pointer' } })}
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        footer={() => <CursorPager pages={pages} next={list.data?.next} total={list.data?.total} unit="例" />}
        columns={[
          { title: '通报日期', render: (_, p) => `${p.reportDate} ${p.reportHour}时` },
          { title: '编号', render: (_, p) => <Tag color={p.kind === 'confirmed' ? 'red' : 'orange'}>{caseName(p)}</Tag> },
          { title: '区县', dataIndex: 'district' },
          { title: '发现途径', dataIndex: 'channel' },
          { title: '现住址', dataIndex: 'residence' },
          { title: '备注', render: (_, p) => (p.reclassified ? '无症状感染者转为确诊病例' : '') },
        ]}
      />
      <CaseDetail id={detail} onClose={() => setDetail(null)} />
      {write && <NewCase open={open} onClose={() => setOpen(false)} onCreated={setDate} />}
    </Card>
  );
}

/** The filters the URL set besides the day, each with a close button (the district named, not its id). */
function FilterTags({
  filter,
  onClear,
}: {
  filter: Record<string, string | undefined>;
  onClear: (k: (typeof FILTERS)[number]) => void;
}) {
  const districts = useDistricts();
  const district = districts.find((d) => String(d.id) === filter.districtId)?.name ?? filter.districtId;
  const tags = [
    filter.districtId && (['districtId', `区县：${district}`] as const),
    filter.channel && (['channel', `发现途径：${filter.channel}`] as const),
    filter.kind && (['kind', `类型：${KIND_LABELS[filter.kind] ?? filter.kind}`] as const),
  ].filter((t) => !!t);
  return tags.map(([k, label]) => (
    <Tag key={k} closable onClose={() => onClear(k)} color="blue" data-testid={`filter-${k}`}>
      {label}
    </Tag>
  ));
}

interface CaseForm {
  reportDate: Dayjs;
  reportHour: number;
  kind: string;
  severity?: string;
  districtId: number;
  channel: string;
  residence?: string;
  origin?: string;
  relationships?: string;
  transferredTo?: string;
  contactOf?: number[];
  trajectory?: TrajectoryRow[];
  account?: AccountRow;
}

function NewCase({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (day: Dayjs) => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<CaseForm>();
  const kind = Form.useWatch('kind', form);
  const districts = useDistricts();
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => api.get<{ items: Channel[] }>('/api/surveillance/channels'),
  });
  const create = useMutation({
    mutationFn: (v: CaseForm) =>
      api.post<{ id: number; number: number }>(
        '/api/surveillance/positives',
        withoutBlanks({
          ...v,
          reportDate: v.reportDate.format('YYYY-MM-DD'),
          contactOf: v.contactOf ?? [],
          trajectory: toEntries(v.trajectory),
          account: toAccount(v.account),
        }),
      ),
    onSuccess: (r, v) => {
      message.success(`已登记：${KIND_LABELS[v.kind]}${r.number}`);
      qc.invalidateQueries({ queryKey: ['positives'] });
      onCreated(v.reportDate);
      form.resetFields();
      onClose();
    },
    onError: (e, v) => {
      message.error(e.message);
      showFieldErrors(form, e, (p) => {
        if (p[0] === 'trajectory') return trajectoryFieldName('trajectory', v.trajectory, p.slice(1));
        return p[0] === 'account' ? accountFieldName(p.slice(1)) : p;
      });
    },
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="登记阳性感染者"
      size="large"
      extra={
        <Button type="primary" onClick={() => form.submit()} loading={create.isPending} data-testid="save-case">
          保存
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{
          reportDate: dayjs(),
          reportHour: 9,
          kind: 'confirmed',
          severity: 'mild',
          districtId: districts.length === 1 ? districts[0]?.id : undefined,
        }}
      >
        <Form.Item label="通报日期与时点" required style={{ marginBottom: 0 }}>
          <Form.Item name="reportDate" rules={[{ required: true }]} style={{ display: 'inline-block', marginRight: 8 }}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="reportHour" rules={[{ required: true }]} style={{ display: 'inline-block' }}>
            <InputNumber min={0} max={23} suffix="时" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {kind === 'confirmed' && (
          <Form.Item name="severity" label="临床分型">
            <Select options={Object.entries(SEVERITY_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item name="districtId" label="区县" rules={[{ required: true, message: '请选择区县' }]}>
          <Select
            data-testid="district"
            showSearch={{ optionFilterProp: 'label' }}
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="channel" label="发现途径" rules={[{ required: true, message: '请选择发现途径' }]}>
          <Select
            data-testid="channel"
            showSearch={{ optionFilterProp: 'label' }}
            options={(channels.data?.items ?? []).map((c) => ({ value: c.name, label: c.name }))}
          />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          extra="辖区居民填写后关联居民台账，现住址取自台账，所在街道、社区的防控账号可查看该病例"
          normalize={normalizeInput}
          rules={[idNumberRule]}
        >
          <Input placeholder="可空" maxLength={18} />
        </Form.Item>
        <Form.Item name="residence" label="现住址" extra="关联台账时可空">
          <Input placeholder="南岗区曲线街45号" />
        </Form.Item>
        <Form.Item name="origin" label="来源">
          <Select allowClear options={['系外地市抵哈人员', '系外省抵哈人员'].map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item name="contactOf" label="为以下病例的密切接触者">
          <PositivePicker multiple />
        </Form.Item>
        <Form.Item name="relationships" label="关系">
          <Input placeholder="系病例2和病例4的女儿" />
        </Form.Item>
        <Form.Item name="transferredTo" label="闭环转运至定点医院">
          <Input placeholder="市第六医院" />
        </Form.Item>
        <AccountFields />
        <Form.Item label="活动轨迹">
          <TrajectoryEditor />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/**
 * The districts a case may be entered in: those of the caller's own scope. A city-wide account picks one of
 * its root's children; a district's account has only its own district (asking for the city's children would be
 * refused).
 */
export function useDistricts(): Pick<TerritoryNode, 'id' | 'name'>[] {
  const root = useQuery(rootQuery).data;
  const children = useQuery({
    enabled: root?.depth === 0,
    queryKey: ['children', root?.id, 'districts'],
    queryFn: () => api.get<{ items: TerritoryNode[] }>(`/api/territory/nodes/${root?.id}/children?pageSize=100`),
  });
  if (!root) return [];
  return root.depth === 0 ? (children.data?.items ?? []) : [root];
}
