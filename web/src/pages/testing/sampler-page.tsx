import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import type { QueueOptions } from '../../components/offline-queue';
import { useOfflineQueue } from '../../components/use-offline-queue';
import type { SamplingChoices, ScanInput, ScanOutcome } from '../../contracts';
import { SamplerDoorTab } from './sampler-door-tab';
import { SamplerScanTab } from './sampler-scan-tab';

const CHOICE = 'fy-sampler-choice';

/**
 * The sampler's queue (components/offline-queue.ts): scans in order, 200 a batch, settled by the scan uuid the
 * phone gave them (the server is idempotent by it); a batch refused as a whole answers each scan with the reason.
 */
const SCANS: QueueOptions<ScanInput, ScanOutcome> = {
  keys: { pending: 'fy-sampler-queue', log: 'fy-sampler-log' },
  logSize: 60,
  idOf: (s) => s.scanId,
  async send(batch) {
    const { outcomes } = await api.post<{ outcomes: ScanOutcome[] }>('/api/testing/scans', { scans: batch });
    const byId = new Map(outcomes.map((o) => [o.scanId, o]));
    return batch.map((s) => byId.get(s.scanId));
  },
  refused: (s, e) => ({ scanId: s.scanId, ok: false, code: e.code, zh: e.message }),
  // The log as the page before the one queue kept it ({ scan, outcome }).
  upgrade: (e) => {
    const old = e as { scan?: ScanInput; outcome?: ScanOutcome } | null;
    return old?.scan ? { item: old.scan, ...(old.outcome ? { outcome: old.outcome } : {}) } : null;
  },
};

/** The sampler's queue; `add` gives a scan its uuid and the phone's time. */
function useSamplerQueue() {
  const q = useOfflineQueue(SCANS);
  const add = (s: Omit<ScanInput, 'scanId' | 'at'>) => q.add({ ...s, scanId: crypto.randomUUID(), at: new Date().toISOString() });
  return { ...q, add };
}
export type SamplerQueue = ReturnType<typeof useSamplerQueue>;
type Choice = { roundId?: number; pointId?: number };
const remembered = (): Choice => {
  try {
    return JSON.parse(localStorage.getItem(CHOICE) ?? '{}') as Choice;
  } catch {
    return {};
  }
};

/**
 * 采样登记: the sampler's phone page (360 px wide, a cheap Android phone). Round and point are chosen once and
 * remembered; every scan goes through the persistent queue, so a dropped connection loses nothing.
 */
export function SamplerPage() {
  const [choice, setChoice] = useState<Choice>(remembered);
  const queue = useSamplerQueue();
  const choices = useQuery({
    queryKey: ['sampling-choices'],
    queryFn: () => api.get<SamplingChoices>('/api/testing/sampling/choices'),
    staleTime: 60_000,
  });
  const choose = (c: Choice) => {
    const next = { ...choice, ...c };
    localStorage.setItem(CHOICE, JSON.stringify(next));
    setChoice(next);
  };
  const round = choices.data?.rounds.find((r) => r.id === choice.roundId);
  return (
    <Card size="small" title="采样登记" styles={{ body: { padding: 12 } }}>
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        {!queue.online || queue.pending.length ? (
          <Alert
            type={queue.online ? 'info' : 'warning'}
            showIcon
            message={queue.online ? `正在上传：${queue.pending.length} 条` : `离线：${queue.pending.length} 条待上传`}
            data-testid="queue-state"
          />
        ) : (
          <Tag color="green" data-testid="queue-state">
            已联网，全部已上传
          </Tag>
        )}
        <Select
          aria-label="检测轮次"
          placeholder="选择检测轮次"
          style={{ width: '100%' }}
          loading={choices.isLoading}
          value={round ? round.id : undefined}
          options={choices.data?.rounds.map((r) => ({ value: r.id, label: r.name }))}
          onChange={(roundId) => choose({ roundId })}
        />
        <Select
          aria-label="采样点"
          placeholder="选择采样点（上门采样可不选）"
          style={{ width: '100%' }}
          allowClear
          value={choice.pointId}
          options={choices.data?.points.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(pointId) => choose({ pointId: pointId ?? undefined })}
        />
        {round ? (
          <Tabs
            items={[
              {
                key: 'scan',
                label: '采样',
                children: <SamplerScanTab round={round} pointId={choice.pointId} queue={queue} />,
              },
              { key: 'door', label: '上门', children: <SamplerDoorTab round={round} queue={queue} /> },
            ]}
          />
        ) : (
          <Alert type="info" message="请先选择检测轮次" />
        )}
      </Space>
    </Card>
  );
}
