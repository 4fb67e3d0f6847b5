import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { CitizenMe } from '../../contracts';

/** The signed-in citizen (the session cookie's person), null when no one is: shared by every citizen page. */
export const ME_KEY = ['citizen-me'];

/** Who the citizen's session cookie names (GET …/citizen/me), or null on a 401. */
export function useCitizenMe() {
  return useQuery({
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
}

/**
 * 市民登录: the ID number, 获取验证码 (sent to the phone on file), the code, 登录. Signed in, the session is put
 * under ME_KEY, so the page holding this form (the code, a venue's scan) goes on where it was.
 */
export function CitizenSignIn() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ idNumber: string; code: string }>();
  const [wait, setWait] = useState(0);
  // Said under the field, not as a toast: a toast outlived the sign-in and covered the page's title on a phone.
  const [sent, setSent] = useState(false);
  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);
  const ask = useMutation({
    mutationFn: (idNumber: string) => api.post<{ resendIn: number }>('/api/healthcode/citizen/code-requests', { idNumber }),
    onSuccess: (r) => {
      setWait(r.resendIn);
      setSent(true);
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
        <Form.Item
          label="验证码"
          required
          extra={sent ? <span data-testid="citizen-code-sent">验证码已发送至您登记的手机，5分钟内有效</span> : undefined}
        >
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
