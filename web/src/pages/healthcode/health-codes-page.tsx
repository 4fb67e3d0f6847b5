import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { beijingTime as time } from '../../components/beijing-time';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { showFieldErrors } from '../../components/form-errors';
import { idNumberRule, normalizeInput } from '../../components/form-rules';
import type { HealthCorrection, HealthCorrectionsPage, HealthPersonCard } from '../../contracts';

type Colour = 'green' | 'yellow' | 'red';
export const COLOURS: Record<Colour, { label: string; tag: string }> = {
  green: { label: '绿码', tag: 'success' },
  yellow: { label: '黄码', tag: 'warning' },
  red: { label: '红码', tag: 'error' },
};
const STATUS: Record<HealthCorrection['status'], { label: string; color: string }> = {
  pending: { label: '待疾控审核', color: 'processing' },
  applied: { label: '已生效', color: 'success' },
  rejected: { label: '已驳回', color: 'default' },
};
const RESULT: Record<string, string> = { negative: '阴性', positive: '阳性', invalid: '无效' };
const FACT_KINDS = { refused_investigation: '拒不配合流调', fever: '发热门诊就诊' } as const;

export const ColourTag = ({ colour }: { colour: Colour }) => (
  <Tag color={COLOURS[colour].tag} data-testid="colour-tag" style={{ fontSize: 14, padding: '2px 10px' }}>
    {COLOURS[colour].label}
  </Tag>
);

/** 更正健康码: the colour and the reason; a change to red is said to wait for the CDC's second person. */
function CorrectDrawer({ card, open, onClose }: { card: HealthPersonCard; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ colour: Colour; reason: string }>();
  const colour = Form.useWatch('colour', form);
  const correct = useMutation({
    mutationFn: (v: { colour: Colour; reason: string }) =>
      api.post<HealthCorrection>('/api/healthcode/corrections', { personIds: [card.person.id], ...v }),
    onSuccess: (c) => {
      message.success(c.status === 'applied' ? `已更正为${COLOURS[c.colour].label}，已生效` : '已提交，待疾控另一人审核后生效');
      qc.invalidateQueries({ queryKey: ['health-person'] });
      qc.invalidateQueries({ queryKey: ['health-corrections'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e);
    },
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={`更正健康码：${card.person.name}`}
      size="default"
      data-testid="correct-drawer"
      extra={
        <Button type="primary" onClick={() => form.submit()} loading={correct.isPending} data-testid="submit-correction">
          提交更正
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div>
          当前：
          <ColourTag colour={card.code.colour} />
          {card.code.reasons.map((r) => (
            <div key={r}>
              <Typography.Text type="secondary">{r}</Typography.Text>
            </div>
          ))}
        </div>
        <Form form={form} layout="vertical" onFinish={(v) => correct.mutate(v)}>
          <Form.Item name="colour" label="更正为" rules={[{ required: true, message: '请选择健康码颜色' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              data-testid="correct-colour"
              options={(Object.keys(COLOURS) as Colour[]).map((c) => ({ value: c, label: COLOURS[c].label }))}
            />
          </Form.Item>
          {colour === 'red' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="赋红码须经疾控另一人审核后才生效"
              description="提交后进入待审核列表；审核通过前，此人的健康码不变。"
            />
          )}
          <Form.Item
            name="reason"
            label="更正原因"
            rules={[
              { required: true, whitespace: true, message: '请填写更正原因' },
              { max: 200, message: '不超过200字' },
            ]}
          >
            <Input.TextArea rows={3} placeholder="如：已核实第3轮检测已采样，结果阴性" data-testid="correct-reason" />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">
          更正前后的颜色与原因记入审计日志，疾控可见；有新的赋码事实时，以新事实为准。
        </Typography.Text>
      </Space>
    </Drawer>
  );
}

/** The CDC's facts of a person: 拒不配合流调 / 发热门诊就诊, recorded or ended. */
function FactButtons({ card }: { card: HealthPersonCard }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const act = useMutation({
    mutationFn: (v: { kind: keyof typeof FACT_KINDS; end: boolean }) =>
      api.post<{ colour: Colour }>(v.end ? '/api/healthcode/facts/end' : '/api/healthcode/facts', {
        personId: card.person.id,
        kind: v.kind,
      }),
    onSuccess: (r) => {
      message.success(`已登记，现为${COLOURS[r.colour].label}`);
      qc.invalidateQueries({ queryKey: ['health-person'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Space wrap>
      {(Object.keys(FACT_KINDS) as (keyof typeof FACT_KINDS)[]).map((kind) => {
        const open = card.facts.some((f) => f.kind === kind && f.active);
        return (
          <Button key={kind} loading={act.isPending} onClick={() => act.mutate({ kind, end: open })}>
            {open ? `解除${FACT_KINDS[kind]}` : `登记${FACT_KINDS[kind]}`}
          </Button>
        );
      })}
    </Space>
  );
}

function CorrectionsTable({ items, decide }: { items: HealthCorrection[]; decide?: boolean }) {
  return (
    <Table<HealthCorrection>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={false}
      locale={{ emptyText: '暂无更正记录' }}
      columns={[
        { title: '编号', dataIndex: 'id', width: 70 },
        {
          title: '人员',
          key: 'names',
          render: (_, c) => `${c.names.join('、')}${c.people > c.names.length ? ` 等${c.people}人` : ''}`,
        },
        { title: '更正', dataIndex: 'change', width: 150 },
        { title: '原因', dataIndex: 'reason' },
        {
          title: '状态',
          key: 'status',
          width: 110,
          render: (_, c) => <Tag color={STATUS[c.status].color}>{STATUS[c.status].label}</Tag>,
        },
        { title: '申请人', key: 'by', render: (_, c) => `${c.requestedBy} · ${time(c.requestedAt)}` },
        {
          title: '审核',
          key: 'decided',
          render: (_, c) => (c.decidedBy ? `${c.decidedBy} · ${time(c.decidedAt)}${c.note ? `（${c.note}）` : ''}` : '—'),
        },
        ...(decide
          ? [{ title: '操作', key: 'actions', width: 150, render: (_: unknown, c: HealthCorrection) => <Decide c={c} /> }]
          : []),
      ]}
    />
  );
}

/** 通过 / 驳回 of a pending correction, drawn only when the server says the caller may (not the requester). */
function Decide({ c }: { c: HealthCorrection }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (v: { approve: boolean; note?: string }) =>
      api.post<HealthCorrection>(
        `/api/healthcode/corrections/${c.id}/${v.approve ? 'approve' : 'reject'}`,
        v.note ? { note: v.note } : {},
      ),
    onSuccess: (r) => {
      message.success(r.status === 'applied' ? '已审核通过，更正生效' : '已驳回');
      setRejecting(false);
      qc.invalidateQueries({ queryKey: ['health-corrections'] });
      qc.invalidateQueries({ queryKey: ['health-person'] });
    },
    onError: (e) => message.error(e.message),
  });
  if (!c.actions.length) return c.status === 'pending' ? <Typography.Text type="secondary">待他人审核</Typography.Text> : null;
  return (
    <Space>
      <Button
        size="small"
        type="primary"
        loading={decide.isPending}
        onClick={() => decide.mutate({ approve: true })}
        data-testid={`approve-${c.id}`}
      >
        通过
      </Button>
      <Button size="small" danger onClick={() => setRejecting(true)} data-testid={`reject-${c.id}`}>
        驳回
      </Button>
      <Modal
        open={rejecting}
        title={`驳回更正 #${c.id}`}
        okText="驳回"
        okButtonProps={{ danger: true, disabled: !note.trim() }}
        confirmLoading={decide.isPending}
        onOk={() => decide.mutate({ approve: false, note })}
        onCancel={() => setRejecting(false)}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder="驳回原因（必填）"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Space>
  );
}

/** The person card: who, the colour with its reasons, and the tests, facts and corrections behind it. */
function PersonCardView({ card }: { card: HealthPersonCard }) {
  const [correcting, setCorrecting] = useState(false);
  return (
    <Card
      data-testid="person-card"
      title={
        <Space>
          {card.person.name}
          <ColourTag colour={card.code.colour} />
          {card.code.corrected && <Tag>管理员更正</Tag>}
        </Space>
      }
      extra={
        card.actions.includes('correct') && (
          <Button type="primary" onClick={() => setCorrecting(true)} data-testid="open-correct">
            更正健康码
          </Button>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="身份证号">{card.person.idNumber}</Descriptions.Item>
        <Descriptions.Item label="性别">{card.person.sex === 'M' ? '男' : '女'}</Descriptions.Item>
        <Descriptions.Item label="年龄">{card.person.age}岁</Descriptions.Item>
        <Descriptions.Item label="住址" span={2}>
          {card.person.address}
        </Descriptions.Item>
        <Descriptions.Item label="最近阴性">{time(card.code.lastNegativeAt)}</Descriptions.Item>
      </Descriptions>
      {card.person.masked && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="身份证号已脱敏显示" />}
      <div style={{ marginBottom: 12 }} data-testid="reasons">
        <Typography.Text strong>赋码原因：</Typography.Text>
        {card.code.reasons.length ? (
          card.code.reasons.map((r) => (
            <Tag key={r} style={{ marginBottom: 4 }}>
              {r}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">无（绿码）</Typography.Text>
        )}
      </div>
      {card.actions.includes('facts') && (
        <div style={{ marginBottom: 12 }}>
          <FactButtons card={card} />
        </div>
      )}
      <Tabs
        items={[
          {
            key: 'tests',
            label: `检测记录（${card.tests.length}）`,
            children: (
              <Table
                rowKey={(t) => `${t.barcode}-${t.sampledAt}`}
                size="small"
                pagination={false}
                dataSource={card.tests}
                locale={{ emptyText: '暂无检测记录' }}
                columns={[
                  { title: '轮次', dataIndex: 'roundName' },
                  { title: '类型', dataIndex: 'purpose', render: (p: string) => (p === 'retest' ? '单管复核' : '全员检测') },
                  { title: '采样时间', dataIndex: 'sampledAt', render: time },
                  { title: '管码', dataIndex: 'barcode' },
                  { title: '结果', dataIndex: 'result', render: (r: string | null) => (r ? RESULT[r] : '待出结果') },
                  { title: '检测机构', dataIndex: 'lab', render: (l: string | null) => l ?? '—' },
                ]}
              />
            ),
          },
          {
            key: 'facts',
            label: `赋码事实（${card.facts.length}）`,
            children: (
              <Table
                rowKey={(f) => `${f.kind}-${f.since}`}
                size="small"
                pagination={false}
                dataSource={card.facts}
                locale={{ emptyText: '暂无赋码事实' }}
                columns={[
                  { title: '事实', dataIndex: 'reason' },
                  { title: '起', dataIndex: 'since', render: time },
                  { title: '止', dataIndex: 'until', render: time },
                  {
                    title: '状态',
                    dataIndex: 'active',
                    render: (a: boolean) => (a ? <Tag color="warning">有效</Tag> : <Tag>已结束</Tag>),
                  },
                ]}
              />
            ),
          },
          {
            key: 'corrections',
            label: `更正记录（${card.corrections.length}）`,
            children: <CorrectionsTable items={card.corrections} />,
          },
        ]}
      />
      <CorrectDrawer card={card} open={correcting} onClose={() => setCorrecting(false)} />
    </Card>
  );
}

/** The corrections in scope; the CDC's pending ones first, with 通过 / 驳回 for those it may decide. */
function Corrections() {
  const can = useCan();
  const approver = can('healthcode.approve');
  const [status, setStatus] = useState<'pending' | 'all'>(approver ? 'pending' : 'all');
  const pages = useCursorPages(20);
  const list = useQuery({
    queryKey: ['health-corrections', status, pages.after, pages.pageSize],
    queryFn: () =>
      api.get<HealthCorrectionsPage>(
        `/api/healthcode/corrections${qs({ status, after: pages.after, pageSize: pages.pageSize })}`,
      ),
  });
  return (
    <Card
      title={approver ? '健康码更正审核' : '健康码更正记录'}
      data-testid="corrections"
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            pages.reset();
          }}
          options={[
            { value: 'pending', label: '待审核' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
    >
      <CorrectionsTable items={list.data?.items ?? []} decide />
      <CursorPager pages={pages} next={list.data?.next} total={undefined} unit="条" />
    </Card>
  );
}

/** 健康码管理: a person by ID number (their card, a correction), and the corrections with the CDC's decisions. */
export function HealthCodesPage() {
  const { message } = App.useApp();
  const [idNumber, setIdNumber] = useState<string | null>(null);
  const [form] = Form.useForm<{ idNumber: string }>();
  const card = useQuery({
    queryKey: ['health-person', idNumber],
    enabled: !!idNumber,
    retry: false,
    queryFn: () => api.post<HealthPersonCard>('/api/healthcode/lookup', { idNumber }),
  });
  const failed = card.error?.message;
  useEffect(() => {
    if (failed) message.error(failed);
  }, [failed, message]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="健康码查询">
        <Form form={form} layout="inline" onFinish={(v) => setIdNumber(v.idNumber)}>
          <Form.Item
            name="idNumber"
            normalize={normalizeInput}
            rules={[{ required: true, message: '请输入身份证号' }, idNumberRule]}
          >
            <Input placeholder="请输入18位身份证号" maxLength={18} style={{ width: 280 }} data-testid="lookup-id" allowClear />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={card.isFetching} data-testid="lookup">
            查询
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          按身份证号查询本辖区人员的健康码、赋码原因与核酸检测记录（12345坐席可查全市）；每次查询记入审计日志。
        </Typography.Paragraph>
      </Card>
      {card.data ? <PersonCardView card={card.data} /> : idNumber && card.isError ? <Empty description="未查到此人" /> : null}
      <Corrections />
    </Space>
  );
}
