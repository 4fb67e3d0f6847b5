import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, List, Space, Spin, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { ApiError, api, withoutBlanks } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { CitizenCode, CitizenMe, TravelAnswer } from '../../contracts';

const COLOUR = {
  green: { zh: '绿码', band: '#1f9d55', text: '可正常通行' },
  yellow: { zh: '黄码', band: '#e0a800', text: '请按要求进行核酸检测' },
  red: { zh: '红码', band: '#c0392b', text: '请配合社区落实管控措施' },
} as const;

const ME_KEY = ['citizen-me'];
const CODE_KEY = ['citizen-code'];

/** When a time shows on the phone: 11月27日 10:05 (China Standard Time). */
const timeZh = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};

/**
 * 龙江健康码 for phones, without an app and without an account: sign in with the ID number and a one-time code,
 * then the code (a big QR renewed before its token expires, the colour band, the reasons), the latest tests, the
 * 48-hour check for leaving the city and the self-report (报备) of a trip. Reads only the citizens' routes.
 */
export function CitizenPage() {
  const me = useQuery({
    queryKey: ME_KEY,
    retry: false,
    queryFn: async () => {
      try {
        return await api.get<CitizenMe>('/api/healthcode/citizen/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
  });
  return (
    <App>
      <div style={{ maxWidth: 480, margin: '0 auto', padding: 12 }}>
        <Typography.Title level={4} style={{ textAlign: 'center', marginBottom: 12 }}>
          龙江健康码
        </Typography.Title>
        {me.isLoading ? <Spin /> : me.data ? <CodeView me={me.data} /> : <SignIn />}
      </div>
    </App>
  );
}

function SignIn() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ idNumber: string; code: string }>();
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);
  const ask = useMutation({
    mutationFn: (idNumber: string) => api.post<{ resendIn: number }>('/api/healthcode/citizen/code-requests', { idNumber }),
    onSuccess: (r) => {
      setWait(r.resendIn);
      message.success('验证码已发送至您登记的手机，5分钟内有效');
    },
    onError: (e) => {
      showFieldErrors(form, e);
      message.error((e as Error).message);
    },
  });
  const signIn = useMutation({
    mutationFn: (v: { idNumber: string; code: string }) => api.post<CitizenMe>('/api/healthcode/citizen/sessions', v),
    onSuccess: (m) => qc.setQueryData(ME_KEY, m),
    onError: (e) => {
      showFieldErrors(form, e);
      message.error((e as Error).message);
    },
  });
  return (
    <Card title="市民登录" size="small">
      <Form form={form} layout="vertical" onFinish={(v) => signIn.mutate(v)} requiredMark={false}>
        <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, message: '请输入身份证号' }]}>
          <Input maxLength={18} autoComplete="off" inputMode="text" placeholder="18位身份证号" data-testid="citizen-id" />
        </Form.Item>
        <Form.Item label="验证码" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, message: '请输入验证码' }]}>
              <Input
                maxLength={6}
                inputMode="numeric"
                autoComplete="one-time-code"
                placeholder="6位数字"
                data-testid="citizen-code"
              />
            </Form.Item>
            <Button
              disabled={wait > 0}
              loading={ask.isPending}
              data-testid="citizen-ask"
              onClick={async () => {
                const { idNumber } = await form.validateFields(['idNumber']);
                ask.mutate(idNumber);
              }}
            >
              {wait > 0 ? `${wait}秒后重发` : '获取验证码'}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending} data-testid="citizen-sign-in">
          登录
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        验证码发送至您在社区登记的手机号。未登记手机或不清楚所属社区的，请拨打12345咨询。
      </Typography.Paragraph>
    </Card>
  );
}

function CodeView({ me }: { me: CitizenMe }) {
  const qc = useQueryClient();
  const code = useQuery({
    queryKey: CODE_KEY,
    queryFn: () => api.get<CitizenCode>('/api/healthcode/citizen/code'),
    // Renewed before the QR token expires (renewAt is a minute before), and at least every minute for the colour.
    refetchInterval: (q) => {
      const at = q.state.data?.renewAt;
      return at ? Math.min(60_000, Math.max(5_000, new Date(at).getTime() - Date.now())) : 60_000;
    },
  });
  const [qr, setQr] = useState('');
  useEffect(() => {
    if (!code.data) return;
    QRCode.toDataURL(code.data.token, {
      errorCorrectionLevel: 'M',
      margin: 1,
      width: 520,
      color: { dark: COLOUR[code.data.colour].band },
    })
      .then(setQr)
      .catch(() => setQr(''));
  }, [code.data]);
  const [clock, setClock] = useState(() => new Date().toISOString());
  useEffect(() => {
    const t = setInterval(() => setClock(new Date().toISOString()), 1000);
    return () => clearInterval(t);
  }, []);
  const logout = useMutation({
    mutationFn: () => api.post('/api/healthcode/citizen/logout', {}),
    onSettled: () => {
      qc.setQueryData(ME_KEY, null);
      qc.removeQueries({ queryKey: CODE_KEY });
    },
  });
  if (code.isError)
    return <Alert type="error" showIcon message="暂时无法获取健康码，请稍后刷新" description={(code.error as Error).message} />;
  if (!code.data) return <Spin />;
  const c = code.data;
  const colour = COLOUR[c.colour];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" styles={{ body: { padding: 0 } }} data-testid="citizen-card">
        <div
          data-testid="citizen-colour"
          data-colour={c.colour}
          style={{ background: colour.band, color: '#fff', textAlign: 'center', padding: '10px 0' }}
        >
          <div style={{ fontSize: 28, fontWeight: 700, letterSpacing: 4 }}>{colour.zh}</div>
          <div style={{ fontSize: 13 }}>{colour.text}</div>
        </div>
        <div style={{ textAlign: 'center', padding: 12 }}>
          <div style={{ fontSize: 18 }}>{me.name}</div>
          {qr ? (
            <img
              src={qr}
              alt={`${colour.zh}二维码`}
              data-testid="citizen-qr"
              style={{ width: 260, height: 260, maxWidth: '100%' }}
            />
          ) : (
            <div style={{ height: 260 }} />
          )}
          <div style={{ fontSize: 20, fontVariantNumeric: 'tabular-nums' }}>
            {timeZh(clock).split(' ')[1]}
            <span style={{ fontSize: 13, color: '#888' }}> {new Date(clock).toISOString().slice(17, 19)}秒</span>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            二维码自动更新，{timeZh(c.expiresAt)}前有效
          </Typography.Text>
        </div>
        {c.reasons.length > 0 && (
          <div style={{ padding: '0 12px 12px' }} data-testid="citizen-reasons">
            <Typography.Text strong>赋码原因</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {c.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      <Card size="small" title="48小时离哈核验" data-testid="citizen-leaving">
        {c.leaving.allowed ? (
          <Alert type="success" showIcon message="符合离哈条件" />
        ) : (
          <Alert type="warning" showIcon message="暂不符合离哈条件" description={c.leaving.reason} />
        )}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {c.leaving.negativeTests === 0 && !c.leaving.greenCode
            ? '现行防控方案对离哈人员无核酸检测和健康码要求'
            : `现行防控方案要求：${c.leaving.greenCode ? '绿码' : ''}${c.leaving.greenCode && c.leaving.negativeTests ? '，' : ''}${
                c.leaving.negativeTests ? `${c.leaving.withinHours}小时内核酸检测阴性${c.leaving.negativeTests}次` : ''
              }`}
        </Typography.Paragraph>
      </Card>

      <Card size="small" title="最近核酸检测" data-testid="citizen-tests">
        <List
          size="small"
          dataSource={c.tests}
          locale={{ emptyText: '暂无检测记录' }}
          renderItem={(t) => (
            <List.Item
              extra={
                <Tag color={t.meaning === 'negative' ? 'green' : t.meaning === 'pending' ? 'default' : 'red'}>{t.label}</Tag>
              }
            >
              <div>
                <div>
                  第{t.roundNumber}轮{t.purpose === 'retest' ? '（单管复核）' : ''}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  采样时间 {timeZh(t.sampledAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      </Card>

      <TravelForm onReported={() => qc.invalidateQueries({ queryKey: CODE_KEY })} />

      <Button block onClick={() => logout.mutate()} data-testid="citizen-logout">
        退出登录
      </Button>
    </Space>
  );
}

interface TravelValues {
  province: string;
  city: string;
  district?: string;
  place?: string;
  leftOn: string;
  arrivedOn: string;
  transport?: string;
}

function TravelForm({ onReported }: { onReported: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TravelValues>();
  const [last, setLast] = useState<TravelAnswer | null>(null);
  const report = useMutation({
    mutationFn: (v: TravelValues) => api.post<TravelAnswer>('/api/healthcode/citizen/travel-reports', withoutBlanks(v)),
    onSuccess: (r) => {
      setLast(r);
      message.success(r.replay ? '该行程已报备过' : '报备成功');
      onReported();
    },
    onError: (e) => {
      showFieldErrors(form, e);
      message.error((e as Error).message);
    },
  });
  const need = (label: string) => [{ required: true, message: `请填写${label}` }];
  return (
    <Card size="small" title="外地来（返）哈报备" data-testid="citizen-travel">
      <Form form={form} layout="vertical" onFinish={(v) => report.mutate(v)} requiredMark={false}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="province" label="省份" rules={need('省份')} style={{ width: '50%' }}>
            <Input maxLength={50} placeholder="如 河北省" data-testid="travel-province" />
          </Form.Item>
          <Form.Item name="city" label="城市" rules={need('城市')} style={{ width: '50%' }}>
            <Input maxLength={50} placeholder="如 石家庄市" data-testid="travel-city" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="district" label="区县（选填）">
          <Input maxLength={50} data-testid="travel-district" />
        </Form.Item>
        <Form.Item name="place" label="具体地点（选填）">
          <Input maxLength={200} placeholder="乡镇、街道、小区或村" />
        </Form.Item>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="leftOn" label="离哈日期" rules={need('离哈日期')} style={{ width: '50%' }}>
            <Input type="date" data-testid="travel-left" />
          </Form.Item>
          <Form.Item name="arrivedOn" label="返哈日期" rules={need('返哈日期')} style={{ width: '50%' }}>
            <Input type="date" data-testid="travel-arrived" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="transport" label="交通方式（选填）">
          <Input maxLength={100} placeholder="火车车次、航班号或自驾" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={report.isPending} data-testid="travel-submit">
          提交报备
        </Button>
      </Form>
      {last && (
        <Alert
          style={{ marginTop: 12 }}
          data-testid="travel-result"
          type={last.level ? 'error' : 'success'}
          showIcon
          message={
            last.level ? `途经${last.level === 'high' ? '高' : '中'}风险地区，请配合社区落实管控措施` : '未途经中高风险地区'
          }
          description={last.sentence ?? undefined}
        />
      )}
    </Card>
  );
}
