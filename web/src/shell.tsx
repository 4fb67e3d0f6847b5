import { LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useAccessLoading, useCan, useCatalogue, useMe } from './access';
import { api } from './api';
import type { Me } from './contracts';
import { Guard } from './guard';
import { menuIcon } from './menu-icons';
import { LoginPage } from './pages/auth/login-page';
import { PAGES } from './pages/registry';

/** A page whose code is still loading (each page is a chunk of its own: pages/registry.tsx) shows a spinner. */
const lazily = (element: ReactNode) => (
  <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>{element}</Suspense>
);

/** The console frame: who is logged in, the menu the server's catalogue allows them, and the pages. */
export function Shell() {
  const qc = useQueryClient();
  const me = useMe();
  const loading = useAccessLoading(!!me.data);
  useEffect(() => {
    const onOut = () => qc.setQueryData(['me'], null);
    window.addEventListener('fangyi:logged-out', onOut);
    return () => window.removeEventListener('fangyi:logged-out', onOut);
  }, [qc]);

  if (me.isLoading || loading) return <Spin fullscreen />;
  if (!me.data) return <LoginPage onLogin={(m) => qc.setQueryData(['me'], m)} />;
  return <Frame user={me.data} />;
}

function Frame({ user }: { user: Me }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const catalogue = useCatalogue();
  const can = useCan();
  const menu = catalogue.menu.filter((m) => can(m.permission));
  const role = catalogue.roles[user.role] ?? user.role;
  const logout = async () => {
    await api.post('/api/auth/logout').catch(() => {});
    qc.clear();
    qc.setQueryData(['me'], null);
    navigate('/');
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200}>
        <div style={{ padding: '16px 20px', fontWeight: 700, fontSize: 18, color: '#c0392b' }}>防疫 · 指挥平台</div>
        <Menu
          mode="inline"
          selectedKeys={[`/${location.pathname.split('/')[1]}`]}
          items={menu.map((m) => ({ key: m.path, icon: menuIcon(m.icon), label: m.label }))}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', paddingInline: 16 }}
        >
          <Space align="center">
            {/* One line on a phone: the name, and the role and scope when there is room (the title says it all). */}
            <Typography.Text
              data-testid="whoami"
              ellipsis
              title={`${user.displayName}（${role} · ${user.scopeName}）`}
              style={{ maxWidth: 'calc(100vw - 140px)', lineHeight: 'normal', display: 'block' }}
            >
              {user.displayName}（{role} · {user.scopeName}）
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={logout}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <Routes>
            {Object.entries(PAGES).flatMap(([path, page]) => [
              ...[path, ...(page.subPaths ?? []).map((s) => `${path}/${s}`)].map((p) => (
                <Route key={p} path={p} element={<Guard path={path}>{lazily(page.element)}</Guard>} />
              )),
              ...Object.entries(page.subPages ?? {}).map(([s, element]) => (
                <Route key={`${path}/${s}`} path={`${path}/${s}`} element={<Guard path={path}>{lazily(element)}</Guard>} />
              )),
            ])}
            {/* Home, and any unknown address: the first page the account may open. */}
            <Route path="*" element={<Navigate to={menu[0]?.path ?? '/territory'} replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
