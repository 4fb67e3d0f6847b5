import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Row, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useCan } from '../../access';
import { api, withoutBlanks } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { DraftEditor, useDraftSaving } from '../../components/publishing';
import { VersionsTable } from '../../components/versions-table';
import type { Reminder } from '../../contracts';
import { ReminderForm } from './reminder-form';

type Doc = Record<string, unknown>;
const BASE = '/api/surveillance/reminders';

/**
 * 紧急提醒: the draft starts from the last reminder (regions to report, fixed paragraphs, phones); the CDC adds
 * the day's risk-area changes and reported cases, previews the text in the seeds' wording, edits, saves it as a
 * draft and submits it; a second publisher approves (or sends it back) and publishes.
 */
export function ReminderPage() {
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm();
  const [text, setText] = useState('');
  const [draftId, setDraftId] = useState<number>();
  const [reason, setReason] = useState('');
  const [issuedOn, setIssuedOn] = useState<string>();
  const draft = useQuery({
    queryKey: ['reminder-draft'],
    queryFn: () => api.get<{ document: Doc }>(`${BASE}/draft?issuedOn=${dayjs().format('YYYY-MM-DD')}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (draft.data) {
      form.setFieldsValue(draft.data.document);
      setIssuedOn(draft.data.document.issuedOn as string);
    }
  }, [draft.data, form]);
  /** The validated document; server-side field errors are shown on the fields they name. */
  const documentOf = async () => {
    await form.validateFields();
    return withoutBlanks(form.getFieldsValue(true)) as Doc;
  };
  const onError = (e: Error) => {
    // The form holds the document itself: document.reportDuty.0.since is the form's reportDuty.0.since.
    showFieldErrors(form, e, (p) => (p[0] === 'document' ? p.slice(1) : undefined));
    message.error(e.message);
  };
  const preview = useMutation({
    mutationFn: async () => api.post<{ text: string }>('/api/surveillance/reminders/preview', { document: await documentOf() }),
    onSuccess: (r) => setText(r.text),
    onError,
  });
  const versions = useQuery({
    queryKey: ['reminders'],
    queryFn: () => api.get<{ items: Reminder[] }>(`${BASE}?pageSize=30`),
  });
  const steps = useDraftSaving({
    base: BASE,
    queryKey: 'reminders',
    draftId,
    setDraftId,
    payload: async () => ({ document: await documentOf(), body: text, correctionReason: reason.trim() || undefined }),
    onError,
  });
  /** Loads a version's document and text (a draft to edit, a published one to correct). */
  const load = async (r: Reminder, id: number | undefined) => {
    const one = await api.get<{ document: Doc; body: string; correctionReason: string | null }>(`${BASE}/${r.id}`);
    form.resetFields();
    form.setFieldsValue(one.document);
    setIssuedOn(r.issuedOn);
    setText(one.body);
    setDraftId(id);
    setReason(id === undefined ? '' : (one.correctionReason ?? ''));
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={14}>
        <Card
          title="紧急提醒"
          loading={draft.isLoading}
          extra={draftId ? <Tag color="default">正在编辑草稿 #{draftId}</Tag> : null}
        >
          {/* A change after the preview voids it: what is published is always the text of the document sent. */}
          <Form
            form={form}
            layout="vertical"
            size="small"
            data-testid="reminder-form"
            onValuesChange={(_, all) => {
              setText('');
              setIssuedOn(all.issuedOn);
            }}
          >
            <ReminderForm />
          </Form>
          <Button style={{ marginTop: 12 }} onClick={() => preview.mutate()} loading={preview.isPending} data-testid="preview">
            生成预览
          </Button>
        </Card>
      </Col>
      <Col xs={24} xxl={10}>
        <Card title="提醒全文">
          <DraftEditor
            canDraft={can('reminders.publish')}
            testId="reminder-text"
            text={text}
            onChange={setText}
            draftId={draftId}
            needsReason={!!versions.data?.items.some((r) => r.state === 'published' && r.issuedOn === issuedOn)}
            reason={reason}
            onReason={setReason}
            onNew={() => {
              setDraftId(undefined);
              setReason('');
            }}
            steps={steps}
            minRows={12}
            placeholder="点击“生成预览”，按官方措辞生成提醒全文；可在此修改，保存为草稿并提交审核。"
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card title="草稿与版本">
          <VersionsTable
            items={versions.data?.items}
            loading={versions.isLoading}
            dateOf={(r) => r.issuedOn}
            base={BASE}
            queryKey="reminders"
            printPath="/reminder/print"
            onEdit={(r) => load(r, r.id).catch((e) => message.error(e.message))}
            onCorrect={(r) => load(r, undefined).catch((e) => message.error(e.message))}
          />
        </Card>
      </Col>
    </Row>
  );
}
