import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Layout, Menu, Space, Spin, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { matchPath, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useAccessLoading, useCan, useCatalogue, useMe } from './access';
import { api } from './api';
import { bootSignedIn, takeBootLogin } from './boot';
import { usePhone } from './components/phone';
import type { Me } from './contracts';
import { Guard } from './guard';
import { menuIcon } from './menu-icons';
import { LoginPage } from './pages/auth/login-page';
import { PAGES, PUBLIC_PAGES } from './pages/registry';

/** A page whose code is still loading (each page is a chunk of its own: pages/registry.tsx) shows a spinner. */
const lazily = (element: ReactNode) => (
  <Suspense
    fallback={
      <div style={{ textAlign: 'center', padding: 64 }}>
        <Spin />
      </div>
    }
  >
    {element}
  </Suspense>
);

/**
 * A public page (pages/registry.tsx PUBLIC_PAGES) opens without asking who is signed in; anything else is the
 * console. A public path may have parameters (`/v/:code`, a venue's printed code): the page reads them with useParams.
 */
export function Shell() {
  const pathname = useLocation().pathname.replace(/\/$/, '');
  const publicPath = Object.keys(PUBLIC_PAGES).find((p) => matchPath(p, pathname));
  return publicPath ? (
    <PublicFrame>
      <Routes>
        <Route path={publicPath} element={PUBLIC_PAGES[publicPath]} />
      </Routes>
    </PublicFrame>
  ) : (
    <Console />
  );
}

function PublicFrame({ children }: { children: ReactNode }) {
  // The page's own login form is not for a public page (index.html removes it before this code arrives too).
  useLayoutEffect(() => void takeBootLogin(), []);
  return <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>{lazily(children)}</div>;
}

/** The console frame: who is logged in, the menu the server's catalogue allows them, and the pages. */
function Console() {
  const qc = useQueryClient();
  const me = useMe();
  const loading = useAccessLoading(!!me.data);
  useEffect(() => {
    const onOut = () => qc.setQueryData(['me'], null);
    // The page's own login form signed in (web/index.html): the console takes it from there.
    const onIn = (e: Event) => qc.setQueryData(['me'], (e as CustomEvent<Me>).detail);
    const early = bootSignedIn();
    if (early) qc.setQueryData(['me'], early);
    window.addEventListener('fangyi:logged-out', onOut);
    window.addEventListener('fangyi:signed-in', onIn);
    return () => {
      window.removeEventListener('fangyi:logged-out', onOut);
      window.removeEventListener('fangyi:signed-in', onIn);
    };
  }, [qc]);

  if (me.isLoading || loading) return <Spin fullscreen />;
  if (!me.data) return <LoginPage onLogin={(m) => qc.setQueryData(['me'], m)} />;
  return <Frame user={me.data} />;
}

function Frame({ user }: { user: Me }) {
  const qc = useQueryClient();
  // Signed in already (or just now, by the page's own form): that form goes before the first paint.
  useLayoutEffect(() => void takeBootLogin(), []);
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
  const phone = usePhone();
  const [drawer, setDrawer] = useState(false);
  const title = <div style={{ padding: '16px 20px', fontWeight: 700, fontSize: 18, color: '#c0392b' }}>防疫 · 指挥平台</div>;
  const nav = (
    <Menu
      mode="inline"
      selectedKeys={[`/${location.pathname.split('/')[1]}`]}
      items={menu.map((m) => ({ key: m.path, icon: menuIcon(m.icon), label: m.label }))}
      onClick={(e) => {
        setDrawer(false);
        navigate(e.key);
      }}
    />
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* A desktop keeps the menu beside the page; a phone opens it as a drawer over the page (one thumb). */}
      {phone ? (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0 } }}
          data-testid="menu-drawer"
        >
          {title}
          {nav}
        </Drawer>
      ) : (
        <Layout.Sider theme="light" width={200}>
          {title}
          {nav}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            gap: 8,
            paddingInline: phone ? 8 : 16,
          }}
        >
          {phone ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label="菜单"
              data-testid="menu-button"
              onClick={() => setDrawer(true)}
            />
          ) : (
            <span />
          )}
          <Space align="center" style={{ minWidth: 0 }}>
            {/* One line on a phone: the name, and the role and scope when there is room (the title says it all). */}
            <Typography.Text
              data-testid="whoami"
              ellipsis
              title={`${user.displayName}（${role} · ${user.scopeName}）`}
              style={{ maxWidth: phone ? 'calc(100vw - 150px)' : 480, lineHeight: 'normal', display: 'block' }}
            >
              {user.displayName}（{role} · {user.scopeName}）
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={logout} aria-label="退出">
              {phone ? '' : '退出'}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: phone ? 8 : 16 }}>
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
