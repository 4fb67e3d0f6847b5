import { Alert, Button, Input, type InputRef, List, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { MODES, type Mode } from '../../../../src/modules/testing/modes';
import type { Logged } from '../../components/offline-queue';
import type { SamplingChoices, ScanInput, ScanOutcome } from '../../contracts';
import type { SamplerQueue as Queue } from './sampler-page';

type Round = SamplingChoices['rounds'][number];
type LoggedScan = Logged<ScanInput, ScanOutcome>;

const TUBE = 'fy-sampler-tube';
const TYPED_ID = /^\d{17}[\dXx]$/;
/** The health code's QR: its signed token (a compact JWS, `~`, the seal), as the citizen's page shows it. */
const TOKEN = /^[\w-]+\.[\w-]+\.[\w-]+~[\w-]+$/;
/**
 * A person: an ID number typed, a health-code token, or a QR holding an ID number (which the server refuses as
 * not a health code, so the sampler hears why); anything else is a tube barcode.
 */
const isPerson = (v: string) => TYPED_ID.test(v) || TOKEN.test(v) || /\d{17}[\dXx]/.test(v);
/** How a person scan names them: the number typed, or the QR's text for the server to check. */
const personOf = (v: string) => (TYPED_ID.test(v) ? { idNumber: v } : { code: v });

/** How the current tube stands: its fill from the answers so far plus the scans still queued for it. */
function fillOf(log: readonly LoggedScan[], barcode: string) {
  let size = 0;
  let queued = 0;
  let closed = false;
  for (const l of log) {
    if (l.item.barcode !== barcode) continue;
    if (!l.outcome) {
      if (l.item.kind === 'person') queued++;
      continue;
    }
    if (l.outcome.ok && l.outcome.size !== undefined) size = Math.max(size, l.outcome.size);
    if (l.outcome.ok && l.outcome.closed) closed = true;
  }
  return { size: size + queued, closed };
}

/** The last scans, in big clear text: green for a scan taken, red with the reason for one refused. */
function Outcome({ l }: { l: LoggedScan }) {
  const what =
    l.item.kind === 'open_tube'
      ? `开管 ${l.item.barcode}`
      : l.item.kind === 'close_tube'
        ? `封管 ${l.item.barcode}`
        : (l.outcome?.name ?? '居民');
  const o = l.outcome;
  const color = !o ? '#888' : o.ok ? '#237804' : '#cf1322';
  const said = !o
    ? '待上传'
    : o.ok
      ? l.item.kind === 'open_tube'
        ? `已开管 ${o.size}/${o.capacity}`
        : l.item.kind === 'close_tube'
          ? `已封管 ${o.size}/${o.capacity}`
          : `成功 ${o.size}/${o.capacity}${o.closed ? ' 已封管' : ''}`
      : `${o.zh ?? '失败'}${o.sampledAt ? `（${new Date(o.sampledAt).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}）` : ''}`;
  return (
    <div style={{ fontSize: 18, lineHeight: 1.4, color, width: '100%' }} data-testid="scan-outcome">
      <b>{said}</b> <span style={{ color: '#555', fontSize: 15 }}>{what}</span>
    </div>
  );
}

export function SamplerScanTab({ round, pointId, queue }: { round: Round; pointId?: number; queue: Queue }) {
  const [tube, setTube] = useState<{ barcode: string; mode: Mode } | null>(() => {
    try {
      return JSON.parse(localStorage.getItem(TUBE) ?? 'null');
    } catch {
      return null;
    }
  });
  const [value, setValue] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const input = useRef<InputRef>(null);
  useEffect(() => {
    localStorage.setItem(TUBE, JSON.stringify(tube));
  }, [tube]);
  const fill = tube ? fillOf(queue.log, tube.barcode) : undefined;
  const capacity = tube ? MODES[tube.mode].size : 0;
  const full = !!fill && (fill.closed || fill.size >= capacity);

  const submit = () => {
    const v = value.trim();
    setValue('');
    input.current?.focus();
    if (!v) return;
    const base = { roundId: round.id, ...(pointId ? { pointId } : {}) };
    setHint(null);
    if (isPerson(v) && !tube) {
      // Nothing to put the sample in: said here, never queued (a scan without a tube would refuse its whole batch).
      setHint('未开管：请先扫描管码开管，再扫健康码');
    } else if (isPerson(v) && tube) {
      // Into the current tube even when it looks full here: the server answers 该管已满 for that scan alone.
      queue.add({ ...base, kind: 'person', barcode: tube.barcode, ...personOf(v) });
    } else {
      const mode = round.defaultMode as Mode;
      queue.add({ ...base, kind: 'open_tube', barcode: v });
      setTube({ barcode: v, mode });
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={10}>
      <Typography.Text type="secondary">{tube && !full ? '扫描健康码或输入身份证号' : '扫描或输入新管码开管'}</Typography.Text>
      <Input
        ref={input}
        size="large"
        autoFocus
        aria-label="扫码输入"
        placeholder={tube && !full ? '身份证号 / 健康码' : '管码'}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onPressEnter={submit}
        autoComplete="off"
        inputMode="text"
      />
      {hint ? <Alert type="warning" showIcon message={hint} data-testid="scan-hint" /> : null}
      {tube && fill ? (
        <div data-testid="tube-fill">
          <Typography.Text strong style={{ fontSize: 16 }}>
            当前管 {tube.barcode}（{MODES[tube.mode].label}）：{Math.min(fill.size, capacity)}/{capacity}
            {full ? ' 已满封管' : ''}
          </Typography.Text>
          <Progress percent={Math.round((100 * Math.min(fill.size, capacity)) / capacity)} showInfo={false} />
          {!full ? (
            <Button
              block
              onClick={() => {
                queue.add({ roundId: round.id, ...(pointId ? { pointId } : {}), kind: 'close_tube', barcode: tube.barcode });
                setTube(null);
              }}
            >
              手动封管
            </Button>
          ) : null}
        </div>
      ) : null}
      <List
        size="small"
        header={<b>最近扫码</b>}
        dataSource={queue.log.slice(0, 12)}
        renderItem={(l) => (
          <List.Item key={l.item.scanId} style={{ padding: '6px 0' }}>
            <Outcome l={l} />
          </List.Item>
        )}
      />
    </Space>
  );
}
