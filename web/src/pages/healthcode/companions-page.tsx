import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { beijingTime as time } from '../../components/beijing-time';
import { showFieldErrors } from '../../components/form-errors';
import type { CompanionsPage as Page } from '../../contracts';
import { beijing } from '../risk/labels';
import { CompanionVenuePicker } from './companion-venue-picker';

type Entry = { venueId: number; from: string; to: string };
type Query = { positiveId: number; days: number; marginMinutes: number; entries: Entry[] };
type Filled = Omit<Query, 'entries'> & { entries?: { venueId: number; window: [Dayjs, Dayjs] }[] };

/**
 * 时空伴随排查: the CDC picks a case, sees its trajectory (its own venue scans of the days asked) and the candidates
 * whose scans share a venue within the margin or the same bus line in the same hour, and confirms the chosen ones
 * into the case's close contacts. Places the case went without scanning (流调补录, from the interview) are added
 * as entries: a venue and the window, in Beijing time.
 */
export function CompanionsPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Filled>();
  const [query, setQuery] = useState<Query | null>(null);
  const [pages, setPages] = useState<Page[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const search = useMutation({
    mutationFn: (q: Query & { after?: [number, number] }) => api.post<Page>('/api/healthcode/companions/search', q),
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e);
    },
  });
  const confirm = useMutation({
    mutationFn: () =>
      api.post<{ added: number }>('/api/healthcode/companions/confirm', { positiveId: query?.positiveId, personIds: chosen }),
    onSuccess: (r) => {
      message.success(`已确认为密接：新增${r.added}人`);
      setChosen([]);
    },
    onError: (e) => message.error(e.message),
  });
  const run = async (f: Filled) => {
    const entries = (f.entries ?? []).map((e) => ({ venueId: e.venueId, from: beijing(e.window[0]), to: beijing(e.window[1]) }));
    const q = { positiveId: f.positiveId, days: f.days, marginMinutes: f.marginMinutes, entries };
    setQuery(q);
    setChosen([]);
    setPages([await search.mutateAsync(q)]);
  };
  const more = async () => {
    const next = pages.at(-1)?.next;
    if (query && next) setPages([...pages, await search.mutateAsync({ ...query, after: next as [number, number] })]);
  };
  const first = pages[0];
  const items = pages.flatMap((p) => p.items);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small" title="时空伴随排查">
        <Form form={form} layout="inline" initialValues={{ days: 14, marginMinutes: 30 }} onFinish={run}>
          <Form.Item name="positiveId" label="病例编号" rules={[{ required: true, message: '请输入病例编号' }]}>
            <InputNumber min={1} style={{ width: 140 }} data-testid="companion-case" />
          </Form.Item>
          <Form.Item name="days" label="追溯天数">
            <InputNumber min={0} max={21} />
          </Form.Item>
          <Form.Item name="marginMinutes" label="时间余量（分钟）">
            <InputNumber min={0} max={240} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={search.isPending} data-testid="companion-search">
            排查
          </Button>
          <Form.List name="entries">
            {(fields, { add, remove }) => (
              <div style={{ width: '100%', marginTop: 12 }}>
                <Typography.Text strong>流调补录轨迹</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  病例未扫码到过的场所（北京时间）
                </Typography.Text>
                {fields.map((f, i) => (
                  <Space key={f.key} wrap style={{ display: 'flex', marginTop: 8 }} data-testid={`companion-entry-${i}`}>
                    <Form.Item
                      name={[f.name, 'venueId']}
                      label="场所"
                      rules={[{ required: true, message: '请选择场所' }]}
                      style={{ marginBottom: 0 }}
                    >
                      <CompanionVenuePicker />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'window']}
                      label="时段"
                      rules={[{ required: true, message: '请选择时段' }]}
                      style={{ marginBottom: 0 }}
                    >
                      <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除此条" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginTop: 8 }}>
                  补录一条轨迹
                </Button>
              </div>
            )}
          </Form.List>
        </Form>
      </Card>
      {first ? (
        <Card size="small" title={`病例轨迹（${first.trajectory.length}条）`}>
          <Table
            size="small"
            rowKey={(e) => `${e.venueId}-${e.from}`}
            pagination={false}
            dataSource={first.trajectory.map((e, i) => ({ ...e, i }))}
            columns={[
              { title: '序号', dataIndex: 'i', width: 60, render: (i: number) => i + 1 },
              { title: '场所', dataIndex: 'venue' },
              { title: '开始', dataIndex: 'from', render: time },
              { title: '结束', dataIndex: 'to', render: time },
              { title: '来源', dataIndex: 'own', render: (own: boolean) => (own ? '病例扫码' : '流调补录') },
            ]}
          />
        </Card>
      ) : null}
      {first ? (
        <Card
          size="small"
          title={`时空伴随者（已列出${items.length}人${pages.at(-1)?.next ? '，还有更多' : ''}）`}
          extra={
            <Button type="primary" disabled={!chosen.length} loading={confirm.isPending} onClick={() => confirm.mutate()}>
              确认为密接（{chosen.length}）
            </Button>
          }
        >
          <Table
            size="small"
            data-testid="companions"
            rowKey="personId"
            pagination={false}
            dataSource={items}
            rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as number[]) }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              {
                title: '重合轨迹',
                dataIndex: 'entries',
                render: (es: number[]) => es.map((e) => `#${e + 1}`).join('、'),
              },
              { title: '扫码次数', dataIndex: 'scans', width: 90 },
              {
                title: '方式',
                dataIndex: 'byLine',
                render: (b: boolean) => (b ? <Tag color="orange">同线路同时段</Tag> : <Tag color="red">同场所</Tag>),
              },
              { title: '最早', dataIndex: 'firstAt', render: time },
              { title: '最晚', dataIndex: 'lastAt', render: time },
            ]}
          />
          {pages.at(-1)?.next ? (
            <Button block onClick={more} loading={search.isPending} style={{ marginTop: 8 }}>
              加载更多
            </Button>
          ) : null}
          <Typography.Text type="secondary">姓名已脱敏；确认后进入该病例的密接名单，由流调核实。</Typography.Text>
        </Card>
      ) : null}
    </Space>
  );
}
