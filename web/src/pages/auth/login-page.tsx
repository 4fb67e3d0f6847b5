import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useLayoutEffect, useState } from 'react';
import { ApiError, api } from '../../api';
import { takeBootLogin } from '../../boot';
import type { Me } from '../../contracts';

export function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  // Before the first paint: the page's own form goes, what was typed into it stays (focus included).
  useLayoutEffect(() => {
    const focused = document.activeElement?.id;
    const typed = takeBootLogin();
    form.setFieldsValue(typed);
    if (focused === 'boot-password') form.focusField('password');
    else if (focused === 'boot-username') form.focusField('username');
  }, [form]);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      onLogin(await api.post<Me>('/api/auth/login', v));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '无法连接服务器');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'linear-gradient(160deg,#fdf2f0,#f5f5f5)',
        padding: 16,
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#c0392b' }}>
          防疫 · 城市疫情防控平台
        </Typography.Title>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
