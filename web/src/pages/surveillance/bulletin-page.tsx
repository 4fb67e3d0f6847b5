import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../access';
import { api } from '../../api';
import { PublishEditor, PublishedVersions } from '../../components/publishing';
import type { Bulletin } from '../../contracts';
import { useLatestReportDay } from './daily-chart';
import { TEMPLATE_LABELS } from './labels';

/** 疫情通报: choose day, window and template; preview the text built from records; edit; publish a frozen version. */
export function BulletinPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  // Open on the latest day with reports in scope (today when there is none) until the user picks one. The
  // form waits for that day, so a date being typed is never replaced under the user's fingers.
  const latest = useLatestReportDay();
  const [picked, setPicked] = useState<Dayjs>();
  const date = picked ?? dayjs(latest.date);
  const [window, setWindow] = useState<[number, number]>([0, 24]);
  const [template, setTemplate] = useState('2022-channels');
  const [text, setText] = useState('');
  const req = { date: date.format('YYYY-MM-DD'), fromHour: window[0], toHour: window[1], template };
  const preview = useMutation({
    mutationFn: () => api.post<{ text: string }>('/api/surveillance/bulletins/preview', req),
    onSuccess: (r) => setText(r.text),
    onError: (e) => message.error(e.message),
  });
  const publish = useMutation({
    mutationFn: () => api.post<{ version: number }>('/api/surveillance/bulletins', { ...req, body: text }),
    onSuccess: (r) => {
      message.success(`已发布（第${r.version}版）`);
      qc.invalidateQueries({ queryKey: ['bulletins'] });
    },
    onError: (e) => message.error(e.message),
  });
  const published = useQuery({
    queryKey: ['bulletins'],
    queryFn: () => api.get<{ items: Bulletin[] }>('/api/surveillance/bulletins?pageSize=20'),
  });
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card title="疫情通报" loading={latest.loading}>
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
              options={Object.entries(TEMPLATE_LABELS).map(([value, label]) => ({ value, label }))}
            />
            <Button onClick={() => preview.mutate()} loading={preview.isPending} data-testid="preview">
              生成预览
            </Button>
          </Space>
          <PublishEditor
            canPublish={can('bulletins.publish')}
            testId="bulletin-text"
            text={text}
            onChange={setText}
            onPublish={() => publish.mutate()}
            publishing={publish.isPending}
            minRows={16}
            placeholder="点击“生成预览”，由病例、轨迹和密接记录生成通报文本；可在此修改后发布。"
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title="已发布">
          <PublishedVersions
            items={published.data?.items}
            dateOf={(b) => `${b.day} ${b.fromHour}—${b.toHour}时`}
            downloadBase="/api/surveillance/bulletins"
          />
        </Card>
      </Col>
    </Row>
  );
}
