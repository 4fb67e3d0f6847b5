import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { formatDateHour } from '../../../../src/lib/zh-words';
import type { NoticeDocument } from '../../../../src/modules/notices/document';
import { EDITION_CODES, EDITIONS } from '../../../../src/modules/notices/rules';
import { api } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { useDraftSaving } from '../../components/publishing';
import { VersionsTable } from '../../components/versions-table';
import type { NoticeVersion } from '../../contracts';
import { ChangeList } from './change-fields';
import { documentOf, preview, valuesOf } from './to-document';

type Doc = Record<string, unknown>;
const BASE = '/api/notices';

const isoDay = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => d?.format('YYYY-MM-DD'),
};

/** The preview's paragraphs, keyed by their place (the same paragraph may recur); the first is the title. */
const paragraphsOf = (text: string) =>
  text ? text.split('\n\n').map((t, i) => ({ id: `${i}:${t.slice(0, 12)}`, text: t, title: i === 0 })) : [];

/** The series a document's draft belongs to, as the server keys it (its day, first start time and title). */
const seriesOf = (doc: NoticeDocument, text: string) => ({
  issuedOn: doc.date,
  startsAt: new Date(Math.min(...doc.changes.map((c) => Date.parse(c.at)))).toISOString(),
  title: text.split('\n')[0],
});

/** A fresh document: signed today, one change from the next full hour (city time). */
const fresh = () => ({
  date: dayjs().format('YYYY-MM-DD'),
  changes: [{ at: new Date(Math.ceil(Date.now() / 3600_000) * 3600_000).toISOString(), level: 'high' }],
});

/**
 * 风险等级通告 for its publishers: the city HQ composes a notice from its changes (start times, districts, areas, levels) and sees
 * its text as it types, rendered in the browser by the server's own renderer; the draft's body is that text. A
 * second publisher approves (or sends it back) and publishes; the published notices print and download.
 */
export function NoticeComposer() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const values = Form.useWatch([], form) as Doc | undefined;
  const [draftId, setDraftId] = useState<number>();
  const [reason, setReason] = useState('');
  const shown = useMemo(() => (values ? preview(form.getFieldsValue(true)) : undefined), [values, form]);
  const layouts = useQuery({
    queryKey: ['notice-layouts'],
    queryFn: () => api.get<{ items: { name: string; description: string }[] }>(`${BASE}/layouts`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const versions = useQuery({ queryKey: ['notices'], queryFn: () => api.get<{ items: NoticeVersion[] }>(`${BASE}?pageSize=30`) });
  const onError = (e: Error) => {
    showFieldErrors(form, e, (p) => (p[0] === 'document' ? p.slice(1) : undefined));
    message.error(e.message);
  };
  const steps = useDraftSaving({
    base: BASE,
    queryKey: 'notices',
    draftId,
    setDraftId,
    payload: async () => {
      await form.validateFields();
      return { document: documentOf(form.getFieldsValue(true)), correctionReason: reason.trim() || undefined };
    },
    onError,
  });
  const text = shown && 'text' in shown ? shown.text : '';
  // A new version of a published notice (same day, first start time and title) is a correction and says why.
  const series = shown && 'text' in shown ? seriesOf(shown.document, text) : undefined;
  const published = versions.data?.items.some(
    (v) =>
      v.state === 'published' && v.issuedOn === series?.issuedOn && v.startsAt === series.startsAt && v.title === series.title,
  );
  const missing = !text || (published && !reason.trim());
  const load = async (v: NoticeVersion, id: number | undefined) => {
    const one = await api.get<{ document: Doc; correctionReason: string | null }>(`${BASE}/${v.id}`);
    form.resetFields();
    form.setFieldsValue(valuesOf(one.document));
    setDraftId(id);
    setReason(id === undefined ? '' : (one.correctionReason ?? ''));
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={14}>
        <Card title="风险等级通告" extra={draftId ? <Tag>正在编辑草稿 #{draftId}</Tag> : null}>
          <Form form={form} layout="inline" size="small" initialValues={fresh()} data-testid="notice-form">
            <Space wrap style={{ marginBottom: 12 }}>
              <Form.Item name="date" label="发布日期" rules={[{ required: true, message: '请填写发布日期' }]} {...isoDay}>
                <DatePicker allowClear={false} />
              </Form.Item>
              <Form.Item name="edition" label="防控方案" normalize={(v?: string) => v || undefined}>
                <Select
                  allowClear
                  placeholder="按起始时间"
                  style={{ width: 150 }}
                  options={EDITION_CODES.map((c) => ({ value: c, label: EDITIONS[c].zh }))}
                  data-testid="notice-edition"
                />
              </Form.Item>
              <Form.Item name="layout" label="版式" normalize={(v?: string) => v || undefined}>
                <Select
                  allowClear
                  placeholder="按防控方案"
                  style={{ width: 210 }}
                  loading={layouts.isLoading}
                  options={layouts.data?.items.map((l) => ({ value: l.name, label: l.name, title: l.description }))}
                  data-testid="notice-layout"
                />
              </Form.Item>
            </Space>
            <div style={{ width: '100%' }}>
              <ChangeList />
            </div>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xxl={10}>
        <Card title="通告全文（实时预览）">
          {shown && 'problem' in shown && <Alert type="info" showIcon message={shown.problem} style={{ marginBottom: 12 }} />}
          <div data-testid="notice-preview">
            {paragraphsOf(text).map((x) => (
              <Typography.Paragraph key={x.id} style={x.title ? { textAlign: 'center', fontWeight: 600 } : undefined}>
                {x.text}
              </Typography.Paragraph>
            ))}
          </div>
          {published && (
            <Input
              data-testid="correction-reason"
              addonBefore="更正说明"
              placeholder="此通告已发布，新版本为更正：写明更正了什么（必填）"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
          <Space style={{ marginTop: 12 }} wrap>
            <Button
              disabled={missing}
              loading={steps.saving.isPending}
              onClick={() => steps.saving.mutate()}
              data-testid="save-draft"
            >
              {draftId ? `保存草稿 #${draftId}` : '保存为草稿'}
            </Button>
            <Button
              type="primary"
              disabled={missing}
              loading={steps.submitting.isPending}
              onClick={() => steps.submitting.mutate()}
              data-testid="submit-draft"
            >
              提交审核
            </Button>
            {draftId && (
              <Button
                onClick={() => {
                  setDraftId(undefined);
                  setReason('');
                }}
              >
                另起新稿
              </Button>
            )}
          </Space>
        </Card>
      </Col>
      <Col span={24}>
        <Card title="草稿与版本">
          <VersionsTable
            items={versions.data?.items}
            loading={versions.isLoading}
            dateOf={(v) => `${v.title}（自${formatDateHour(v.startsAt)}起）`}
            base={BASE}
            queryKey="notices"
            printPath="/notices/print"
            onEdit={(v) => load(v, v.id).catch((e) => message.error(e.message))}
            onCorrect={(v) => load(v, undefined).catch((e) => message.error(e.message))}
          />
        </Card>
      </Col>
    </Row>
  );
}
