import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Row } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useCan } from '../../access';
import { ApiError, api, withoutBlanks } from '../../api';
import { PublishEditor, PublishedVersions } from '../../components/publishing';
import type { InputIssue, Reminder } from '../../contracts';
import { ReminderForm } from './reminder-form';

type Doc = Record<string, unknown>;

/**
 * 紧急提醒: the draft starts from the last reminder (regions to report, fixed paragraphs, phones); the CDC adds
 * the day's risk-area changes and reported cases, previews the text in the seeds' wording, edits, publishes.
 */
export function ReminderPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const [form] = Form.useForm();
  const [text, setText] = useState('');
  const draft = useQuery({
    queryKey: ['reminder-draft'],
    queryFn: () => api.get<{ document: Doc }>(`/api/surveillance/reminders/draft?issuedOn=${dayjs().format('YYYY-MM-DD')}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (draft.data) form.setFieldsValue(draft.data.document);
  }, [draft.data, form]);

  /** The validated document; server-side field errors are shown on the fields they name. */
  const documentOf = async () => {
    await form.validateFields();
    return withoutBlanks(form.getFieldsValue(true)) as Doc;
  };
  const onError = (e: Error) => {
    const issues = e instanceof ApiError ? (e.details as { issues?: InputIssue[] })?.issues : undefined;
    form.setFields(
      (issues ?? [])
        .filter((i) => i.field.startsWith('body.document.'))
        .map((i) => ({
          name: i.field
            .slice('body.document.'.length)
            .split('.')
            .map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
          errors: [i.zh],
        })),
    );
    message.error(e.message);
  };
  const preview = useMutation({
    mutationFn: async () => api.post<{ text: string }>('/api/surveillance/reminders/preview', { document: await documentOf() }),
    onSuccess: (r) => setText(r.text),
    onError,
  });
  const publish = useMutation({
    mutationFn: async () =>
      api.post<{ version: number }>('/api/surveillance/reminders', { document: await documentOf(), body: text }),
    onSuccess: (r) => {
      message.success(`已发布（第${r.version}版）`);
      qc.invalidateQueries({ queryKey: ['reminders'] });
    },
    onError,
  });
  const published = useQuery({
    queryKey: ['reminders'],
    queryFn: () => api.get<{ items: Reminder[] }>('/api/surveillance/reminders?pageSize=20'),
  });

  return (
    <Row gutter={16}>
      <Col xs={24} xxl={14}>
        <Card title="紧急提醒" loading={draft.isLoading}>
          {/* A change after the preview voids it: what is published is always the text of the document sent. */}
          <Form form={form} layout="vertical" size="small" data-testid="reminder-form" onValuesChange={() => setText('')}>
            <ReminderForm />
          </Form>
          <Button style={{ marginTop: 12 }} onClick={() => preview.mutate()} loading={preview.isPending} data-testid="preview">
            生成预览
          </Button>
        </Card>
      </Col>
      <Col xs={24} xxl={10}>
        <Card title="提醒全文">
          <PublishEditor
            canPublish={can('reminders.publish')}
            testId="reminder-text"
            text={text}
            onChange={setText}
            onPublish={() => publish.mutate()}
            publishing={publish.isPending}
            minRows={12}
            placeholder="点击“生成预览”，按官方措辞生成提醒全文；可在此修改后发布。"
          />
        </Card>
        <Card title="已发布" style={{ marginTop: 16 }}>
          <PublishedVersions
            items={published.data?.items}
            dateOf={(r) => r.issuedOn}
            downloadBase="/api/surveillance/reminders"
          />
        </Card>
      </Col>
    </Row>
  );
}
