import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api';
import type { CitizenMe, VenueVerdict } from '../../contracts';
import { CitizenFrame } from './citizen-frame';
import { COLOUR, timeZh } from './citizen-look';
import { CitizenSignIn, ME_KEY, useCitizenMe } from './citizen-sign-in';

/** What a printed code's path may hold (the scan route's own pattern, verify/contract.ts citizenScan). */
const CODE = /^[A-Za-z0-9_-]{1,40}$/;

/** The verdict's band: green to pass, red for a red code, amber for any other stop (a yellow code, no recent test). */
const band = (v: VenueVerdict) => (v.pass ? '#1f9d55' : v.colour === 'red' ? '#c0392b' : '#d48806');

/** A refused scan in words the citizen (and the guard) can act on. */
function refusal(e: unknown): { title: string; detail?: string } {
  if (!(e instanceof ApiError)) return { title: '无法连接服务器', detail: '请检查网络后重试' };
  if (e.status === 404) return { title: '未找到该场所码', detail: '请核对场所张贴的场所码，或向场所工作人员出示健康码' };
  if (e.code === 'healthcode.venue_closed') return { title: '该场所码已停用', detail: '请向场所工作人员出示健康码' };
  if (e.code === 'healthcode.busy') return { title: '核验繁忙，请稍后重试', detail: e.message };
  if (e.code === 'healthcode.starting') return { title: '核验服务正在启动，请稍后重试', detail: e.message };
  if (e.status === 400) return { title: '场所码格式不正确', detail: e.message };
  return { title: '暂时无法核验', detail: e.message };
}

/**
 * 扫场所码 (/v/<code>): what a phone's camera opens from a venue's printed code. Signed out, the citizens' sign-in
 * first (the same form as 我的健康码); signed in, the scan is sent once (POST /api/healthcode/citizen/scan) and its
 * verdict shown large for the guard at the door: 通行 or 请止步, the venue, the colour, the masked name, the hours
 * since the last negative test, the time. A refusal says why, with 重试. A reload within the minute is the same
 * scan, stored once (verify/service.ts citizenScanMinute).
 */
export function VenueScanPage() {
  const { code = '' } = useParams();
  const me = useCitizenMe();
  return (
    <CitizenFrame title="场所码登记">
      {!CODE.test(code) ? (
        <Alert type="error" showIcon message="场所码不正确" description="请重新扫描场所张贴的场所码" data-testid="scan-refused" />
      ) : me.isLoading ? (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <Spin />
        </div>
      ) : me.isError ? (
        <Alert
          type="error"
          showIcon
          message="无法连接服务器"
          description="请检查网络后重试"
          action={<Button onClick={() => me.refetch()}>重试</Button>}
        />
      ) : me.data ? (
        <Scan code={code} me={me.data} />
      ) : (
        <Space12>
          <Alert type="info" showIcon message="请先登录，登录后自动完成场所码登记" />
          <CitizenSignIn />
        </Space12>
      )}
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Link to="/public/code" data-testid="scan-my-code">
          我的健康码
        </Link>
      </div>
    </CitizenFrame>
  );
}

const Space12 = ({ children }: { children: ReactNode }) => (
  <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>{children}</div>
);

function Scan({ code, me }: { code: string; me: CitizenMe }) {
  const qc = useQueryClient();
  // One scan per opening of the page (the key holds the person and the code; never refetched on its own).
  const scan = useQuery({
    queryKey: ['venue-scan', me.personId, code],
    queryFn: () => api.post<VenueVerdict>('/api/healthcode/citizen/scan', { code }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const [wait, setWait] = useState(0);
  const error = scan.error;
  useEffect(() => {
    if (error instanceof ApiError && error.status === 401) qc.setQueryData(ME_KEY, null);
    setWait(error instanceof ApiError ? (error.retryAfter ?? 0) : 0);
  }, [error, qc]);
  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);
  const [clock, setClock] = useState(() => new Date().toISOString());
  useEffect(() => {
    const t = setInterval(() => setClock(new Date().toISOString()), 1000);
    return () => clearInterval(t);
  }, []);

  if (scan.isPending)
    return (
      <Card style={{ textAlign: 'center' }}>
        <Spin />
        <div style={{ marginTop: 8 }}>正在核验…</div>
      </Card>
    );
  if (scan.isError) {
    const r = refusal(scan.error);
    return (
      <Alert
        type="error"
        showIcon
        data-testid="scan-refused"
        message={<span style={{ fontSize: 18 }}>{r.title}</span>}
        description={
          <div>
            {r.detail ? <div>{r.detail}</div> : null}
            <Button
              type="primary"
              size="large"
              block
              style={{ marginTop: 12 }}
              disabled={wait > 0}
              loading={scan.isFetching}
              onClick={() => scan.refetch()}
              data-testid="scan-retry"
            >
              {wait > 0 ? `${wait}秒后重试` : '重试'}
            </Button>
          </div>
        }
      />
    );
  }
  const v = scan.data;
  const colour = COLOUR[v.colour];
  // The guard reads a clock that moves (Beijing time, to the second): a screenshot's stands still.
  const hms = new Date(new Date(clock).getTime() + 8 * 3_600_000).toISOString().slice(11, 19);
  return (
    <Card size="small" styles={{ body: { padding: 0 } }} data-testid="scan-verdict" data-pass={String(v.pass)} data-at={v.at}>
      <div
        data-testid="scan-venue"
        style={{ padding: '12px 16px', textAlign: 'center', fontSize: 20, fontWeight: 600, wordBreak: 'break-all' }}
      >
        {v.venue.name}
      </div>
      <div
        data-testid="scan-band"
        style={{ background: band(v), color: '#fff', textAlign: 'center', padding: '20px 12px', wordBreak: 'break-all' }}
      >
        <div
          data-testid="scan-headline"
          style={{ fontSize: v.pass ? 56 : 34, fontWeight: 800, letterSpacing: v.pass ? 12 : 2, lineHeight: 1.2 }}
        >
          {v.pass ? '通行' : v.stop}
        </div>
        <div style={{ fontSize: 30, fontVariantNumeric: 'tabular-nums', marginTop: 8 }} data-testid="scan-clock">
          {hms}
        </div>
      </div>
      <div style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 10, fontSize: 16 }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
          <span style={{ fontSize: 22, fontWeight: 600 }}>{v.name}</span>
          <span
            data-testid="scan-colour"
            data-colour={v.colour}
            style={{
              background: colour.band,
              color: '#fff',
              borderRadius: 6,
              padding: '4px 14px',
              fontSize: 20,
              fontWeight: 700,
            }}
          >
            {colour.zh}
          </span>
        </div>
        <div data-testid="scan-negative">
          {v.hoursSinceNegative === null ? '无核酸阴性记录' : `距最近一次核酸阴性 ${v.hoursSinceNegative} 小时`}
          {v.venue.negativeWithinHours ? (
            <Typography.Text type="secondary">（本场所要求{v.venue.negativeWithinHours}小时内）</Typography.Text>
          ) : null}
        </div>
        <div data-testid="scan-time">扫码时间 {timeZh(v.at)}（北京时间）</div>
        {v.reasons?.length ? (
          <div data-testid="scan-reasons">
            <Typography.Text strong>赋码原因</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {v.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          请向场所工作人员出示本页面；时间每秒走动，截图无效。
        </Typography.Text>
      </div>
    </Card>
  );
}
