import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, type InputRef, List, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, qs } from '../../api';
import type { Logged, QueueOptions } from '../../components/offline-queue';
import { useOfflineQueue } from '../../components/use-offline-queue';
import type { CheckpointVenue, HealthPublicKey, VenueScanOutcome } from '../../contracts';
import { checkOffline, storedKey, storeKey } from './offline-check';

/** A scan as the checkpoint keeps it until the server has answered (the server's natural key: venue, time, person). */
interface CheckpointScan {
  /** The phone's own key of the scan in its queue. */
  key: string;
  venueId: number;
  token: string;
  at: string;
  offline: boolean;
  /** The offline verdict shown while the scan waits (colour and name from the signed token). */
  shown?: { colour: string; name: string } | { refused: string };
}
type LoggedScan = Logged<CheckpointScan, VenueScanOutcome>;

/**
 * The checkpoint's queue (components/offline-queue.ts): every scan sent with its own time, a venue's scans
 * together (the first waiting scan's venue, up to 200); the server stores a scan once by (venue, time, person), so
 * a batch resent is harmless. Its answers come in the batch's order.
 */
const SCANS: QueueOptions<CheckpointScan, VenueScanOutcome> = {
  keys: { pending: 'fy-checkpoint-pending', log: 'fy-checkpoint-log' },
  logSize: 50,
  idOf: (s) => s.key,
  batchOf: (queue) => queue.filter((s) => s.venueId === queue[0]?.venueId).slice(0, 200),
  async send(batch) {
    const venueId = batch[0]?.venueId as number;
    const body = { venueId, scans: batch.map(({ token, at, offline }) => ({ token, at, offline })) };
    return (await api.post<{ outcomes: VenueScanOutcome[] }>('/api/healthcode/scans', body)).outcomes;
  },
  refused: (_s, e) => ({ ok: false, refusal: { code: e.code, zh: e.message, en: e.message } }),
  // The log as the page before the one queue kept it: the scan with its outcome beside its fields.
  upgrade: (e) => {
    const old = e as (CheckpointScan & { outcome?: VenueScanOutcome }) | null;
    if (!old?.key) return null;
    const { outcome, ...item } = old;
    return { item, ...(outcome ? { outcome } : {}) };
  },
};

const VENUE = 'fy-checkpoint-venue';
const COLOUR = { green: ['绿码', 'green'], yellow: ['黄码', 'gold'], red: ['红码', 'red'] } as const;
type ColourName = keyof typeof COLOUR;

const rememberedVenue = (): CheckpointVenue | null => {
  try {
    return JSON.parse(localStorage.getItem(VENUE) ?? 'null') as CheckpointVenue | null;
  } catch {
    return null;
  }
};

/** The big answer of the latest scan: the server's verdict, or the offline one while it waits. */
function Verdict({ l }: { l: LoggedScan }) {
  const o = l.outcome;
  if (o && !o.ok) return <Alert type="error" showIcon message={`未通过：${o.refusal.zh}`} data-testid="verdict" />;
  if (o?.ok) {
    const v = o.verdict;
    return (
      <Card
        data-testid="verdict"
        style={{ background: v.pass ? '#f6ffed' : '#fff1f0', borderColor: v.pass ? '#52c41a' : '#ff4d4f' }}
        styles={{ body: { padding: 16, textAlign: 'center' } }}
      >
        <Typography.Title level={2} style={{ margin: 0, color: v.pass ? '#389e0d' : '#cf1322' }}>
          {v.pass ? '通行' : v.stop}
        </Typography.Title>
        <Space wrap style={{ marginTop: 8, justifyContent: 'center' }}>
          <Tag color={COLOUR[v.colour as ColourName][1]}>{COLOUR[v.colour as ColourName][0]}</Tag>
          <span>{v.name}</span>
          <span>{v.hoursSinceNegative === null ? '无核酸阴性记录' : `核酸阴性 ${v.hoursSinceNegative} 小时前`}</span>
        </Space>
        {v.reasons?.length ? <div style={{ marginTop: 6, color: '#595959' }}>{v.reasons.join('；')}</div> : null}
      </Card>
    );
  }
  const shown = l.item.shown;
  if (shown && 'refused' in shown)
    return <Alert type="error" showIcon message={`未通过：${shown.refused}`} data-testid="verdict" />;
  return (
    <Alert
      data-testid="verdict"
      type={shown?.colour === 'green' ? 'success' : 'warning'}
      showIcon
      message={shown ? `离线核验：${COLOUR[shown.colour as ColourName][0]} ${shown.name}（联网后上传）` : '正在核验…'}
    />
  );
}

/**
 * 扫码核验: the checkpoint's phone page (逢进必扫，核酸结果必查). The venue is opened once by its printed code; each
 * person's QR is scanned (a scanner gun types it, or it is pasted) and judged by the server by the venue's rule.
 * Without a connection the signed token is verified on the phone with the public key and the scan is queued.
 */
export function CheckpointPage() {
  const [venue, setVenue] = useState<CheckpointVenue | null>(rememberedVenue);
  const [code, setCode] = useState('');
  const [venueError, setVenueError] = useState('');
  const [value, setValue] = useState('');
  const input = useRef<InputRef>(null);
  const queue = useOfflineQueue(SCANS);
  const key = useQuery({
    queryKey: ['healthcode-public-key'],
    queryFn: async () => {
      const k = await api.get<HealthPublicKey>('/api/healthcode/public-key');
      storeKey(k);
      return k;
    },
    staleTime: 3_600_000,
    retry: false,
  });
  useEffect(() => {
    if (venue) localStorage.setItem(VENUE, JSON.stringify(venue));
    else localStorage.removeItem(VENUE);
  }, [venue]);

  const open = async () => {
    setVenueError('');
    try {
      setVenue(await api.get<CheckpointVenue>(`/api/healthcode/checkpoint/venue${qs({ code: code.trim() })}`));
    } catch (e) {
      setVenueError(e instanceof ApiError ? e.message : '无法打开场所');
    }
  };

  const scan = async () => {
    const token = value.trim();
    setValue('');
    input.current?.focus();
    if (!token || !venue) return;
    const offline = !navigator.onLine;
    const k = key.data ?? storedKey();
    let shown: CheckpointScan['shown'];
    if (offline && k) {
      const c = await checkOffline(token, k, new Date());
      shown = c.ok ? { colour: c.colour, name: c.name } : { refused: c.zh };
    }
    queue.add({ key: crypto.randomUUID(), venueId: venue.id, token, at: new Date().toISOString(), offline, shown });
  };

  if (!venue)
    return (
      <Card size="small" title="扫码核验" styles={{ body: { padding: 12 } }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">输入或扫描张贴的场所码，打开本核验点</Typography.Text>
          <Input aria-label="场所码" size="large" value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={open} />
          {venueError ? <Alert type="error" showIcon message={venueError} /> : null}
          <Button type="primary" block size="large" onClick={open}>
            打开核验点
          </Button>
        </Space>
      </Card>
    );
  const latest = queue.log.find((l) => l.item.venueId === venue.id);
  return (
    <Card
      size="small"
      title={`扫码核验 · ${venue.name}`}
      extra={
        <Button size="small" onClick={() => setVenue(null)}>
          换场所
        </Button>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Space direction="vertical" style={{ width: '100%' }} size={10}>
        <Typography.Text type="secondary">
          {venue.green ? '须绿码' : '非红码'}
          {venue.negativeWithinHours ? `，须${venue.negativeWithinHours}小时内核酸阴性` : ''}
        </Typography.Text>
        {queue.online ? (
          <Tag color="green" data-testid="queue-state">
            已联网{queue.pending.length ? `，正在上传 ${queue.pending.length} 条` : '，全部已上传'}
          </Tag>
        ) : (
          <Alert
            type="warning"
            showIcon
            message={`离线：${queue.pending.length} 条待上传（离线验签）`}
            data-testid="queue-state"
          />
        )}
        <Input
          ref={input}
          size="large"
          autoFocus
          aria-label="扫描健康码"
          placeholder="扫描健康码"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onPressEnter={scan}
          autoComplete="off"
        />
        {latest ? <Verdict l={latest} /> : null}
        <List
          size="small"
          header={<b>最近扫码</b>}
          dataSource={queue.log.filter((l) => l.item.venueId === venue.id).slice(1, 11)}
          renderItem={(l) => (
            <List.Item key={l.item.key} style={{ padding: '4px 0' }}>
              {new Date(l.item.at).toLocaleTimeString('zh-CN')}{' '}
              {l.outcome?.ok
                ? l.outcome.verdict.pass
                  ? '通行'
                  : l.outcome.verdict.stop
                : l.outcome
                  ? l.outcome.refusal.zh
                  : '待上传'}
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}
