import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, List, Space, Spin, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { api, withoutBlanks } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { CitizenCode, CitizenMe, TravelAnswer } from '../../contracts';
import { CitizenFrame } from './citizen-frame';
import { COLOUR, timeZh } from './citizen-look';
import { CitizenSignIn, ME_KEY, useCitizenMe } from './citizen-sign-in';

const CODE_KEY = ['citizen-code'];

/**
 * 龙江健康码 for phones, without an app and without an account: sign in with the ID number and a one-time code,
 * then the code (a big QR renewed before its token expires, the colour band, the reasons), the latest tests, the
 * 48-hour check for leaving the city and the self-report (报备) of a trip. Reads only the citizens' routes.
 */
export function CitizenPage() {
  const me = useCitizenMe();
  return (
    <CitizenFrame title="龙江健康码">
      {me.isLoading ? <Spin /> : me.data ? <CodeView me={me.data} /> : <CitizenSignIn />}
    </CitizenFrame>
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
