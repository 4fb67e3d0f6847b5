import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, InputNumber, Row, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../access';
import { api } from '../../api';
import { DraftEditor, useDraftSaving } from '../../components/publishing';
import { VersionsTable } from '../../components/versions-table';
import type { Bulletin } from '../../contracts';
import { useLatestReportDay } from './daily-chart';

const BASE = '/api/surveillance/bulletins';

/**
 * 疫情通报: choose day, window and template; preview the text built from records; edit; save it as a draft and
 * submit it; a second publisher approves (or sends it back) and publishes; published versions download and print.
 */
export function BulletinPage() {
  const { message } = App.useApp();
  const can = useCan();
  // Open on the latest day with reports in scope (today when there is none) until the user picks one. The
  // form waits for that day, so a date being typed is never replaced under the user's fingers.
  const latest = useLatestReportDay();
  const [picked, setPicked] = useState<Dayjs>();
  const date = picked ?? dayjs(latest.date);
  const [window, setWindow] = useState<[number, number]>([0, 24]);
  const [template, setTemplate] = useState('2022-channels');
  const [text, setText] = useState('');
  const [draftId, setDraftId] = useState<number>();
  const [reason, setReason] = useState('');
  const req = { date: date.format('YYYY-MM-DD'), fromHour: window[0], toHour: window[1], template };
  const preview = useMutation({
    mutationFn: () => api.post<{ text: string }>(`${BASE}/preview`, req),
    onSuccess: (r) => setText(r.text),
    onError: (e) => message.error(e.message),
  });
  // The house styles are layout files on the server (bulletin/layouts): a new one appears here without code.
  const layouts = useQuery({
    queryKey: ['bulletin-layouts'],
    queryFn: () => api.get<{ items: { name: string; label: string }[] }>('/api/surveillance/bulletins/layouts'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const versions = useQuery({
    queryKey: ['bulletins'],
    queryFn: () => api.get<{ items: Bulletin[] }>(`${BASE}?pageSize=30`),
  });
  const steps = useDraftSaving({
    base: BASE,
    queryKey: 'bulletins',
    draftId,
    setDraftId,
    payload: async () => ({ ...req, body: text, correctionReason: reason.trim() || undefined }),
    onError: (e) => message.error(e.message),
  });
  const sameWindow = (b: Bulletin) => b.day === req.date && b.fromHour === req.fromHour && b.toHour === req.toHour;
  /** Loads a version's day, window, template and text into the editor (a draft to edit, a published one to correct). */
  const load = (b: Bulletin, id: number | undefined) => {
    setPicked(dayjs(b.day));
    setWindow([b.fromHour, b.toHour]);
    setTemplate(b.template);
    setText(b.body);
    setDraftId(id);
    setReason(id === undefined ? '' : (b.correctionReason ?? ''));
  };
  const fresh = () => {
    setDraftId(undefined);
    setText('');
    setReason('');
  };
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card
          title="疫情通报"
          loading={latest.loading}
          extra={draftId ? <Tag color="default">正在编辑草稿 #{draftId}</Tag> : null}
        >
          <Space wrap style={{ marginBottom: 12 }}>
            <DatePicker value={date} onChange={(d) => d && setPicked(d)} allowClear={false} />
            <InputNumber
              min={0}
              max={23}
              value={window[0]}
              onChange={(v) => setWindow([v ?? 0, window[1]])}
              prefix="自"
              suffix="时"
              style={{ width: 100 }}
            />
            <InputNumber
              min={1}
              max={24}
              value={window[1]}
              onChange={(v) => setWindow([window[0], v ?? 24])}
              prefix="至"
              suffix="时"
              style={{ width: 100 }}
            />
            <Select
              style={{ width: 240 }}
              value={template}
              onChange={setTemplate}
              data-testid="layout"
              loading={layouts.isLoading}
              options={layouts.data?.items.map((l) => ({ value: l.name, label: l.label }))}
            />
            <Button onClick={() => preview.mutate()} loading={preview.isPending} data-testid="preview">
              生成预览
            </Button>
          </Space>
          <DraftEditor
            canDraft={can('bulletins.publish')}
            testId="bulletin-text"
            text={text}
            onChange={setText}
            draftId={draftId}
            needsReason={!!versions.data?.items.some((b) => b.state === 'published' && sameWindow(b))}
            reason={reason}
            onReason={setReason}
            onNew={fresh}
            steps={steps}
            minRows={12}
            placeholder="点击“生成预览”，由病例、轨迹和密接记录生成通报文本；可在此修改，保存为草稿并提交审核。"
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card title="草稿与版本">
          <VersionsTable
            items={versions.data?.items}
            loading={versions.isLoading}
            dateOf={(b) => `${b.day} ${b.fromHour}—${b.toHour}时`}
            base={BASE}
            queryKey="bulletins"
            printPath="/bulletin/print"
            onEdit={(b) => load(b, b.id)}
            onCorrect={(b) => load(b, undefined)}
          />
        </Card>
      </Col>
    </Row>
  );
}
