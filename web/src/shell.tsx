import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  ClusterOutlined,
  FileTextOutlined,
  IdcardOutlined,
  LogoutOutlined,
  NodeIndexOutlined,
  SafetyOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { api, type Me } from './api';
import { PEOPLE_ROLES, PLACE_TASK_ROLES, ROLE_LABELS, SURVEILLANCE_ROLES } from './labels';
import { AuditPage } from './pages/audit/audit-page';
import { LoginPage } from './pages/auth/login-page';
import { UsersPage } from './pages/auth/users-page';
import { PeoplePage } from './pages/people/people-page';
import { BulletinPage } from './pages/surveillance/bulletin-page';
import { CasesPage } from './pages/surveillance/cases-page';
import { ChannelsPage } from './pages/surveillance/channels-page';
import { ClustersPage } from './pages/surveillance/clusters-page';
import { ContactsPage } from './pages/surveillance/contacts-page';
import { PlaceTasksPage } from './pages/surveillance/place-tasks-page';
import { ReminderPage } from './pages/surveillance/reminder-page';
import { TerritoryPage } from './pages/territory/territory-page';

/** The console frame: who is logged in, the menu their role allows, and the pages. */
export function Shell() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useQuery({ queryKey: ['me'], queryFn: () => api.get<Me>('/api/auth/me') });
  useEffect(() => {
    const onOut = () => qc.setQueryData(['me'], null);
    window.addEventListener('fangyi:logged-out', onOut);
    return () => window.removeEventListener('fangyi:logged-out', onOut);
  }, [qc]);

  if (me.isLoading) return <Spin fullscreen />;
  if (!me.data) return <LoginPage onLogin={(m) => qc.setQueryData(['me'], m)} />;
  const user = me.data;
  const items = [
    { key: '/territory', icon: <ApartmentOutlined />, label: '辖区' },
    ...(PEOPLE_ROLES.includes(user.role)
      ? [
          { key: '/people', icon: <TeamOutlined />, label: '居民台账' },
          { key: '/vulnerable', icon: <UserOutlined />, label: '特殊人群台账' },
        ]
      : []),
    ...(SURVEILLANCE_ROLES.includes(user.role)
      ? [
          { key: '/cases', icon: <AlertOutlined />, label: '病例' },
          { key: '/contacts', icon: <NodeIndexOutlined />, label: '密接' },
          { key: '/clusters', icon: <ClusterOutlined />, label: '聚集性疫情' },
          { key: '/bulletin', icon: <FileTextOutlined />, label: '疫情通报' },
          { key: '/reminder', icon: <BellOutlined />, label: '紧急提醒' },
          { key: '/channels', icon: <UnorderedListOutlined />, label: '发现途径' },
        ]
      : []),
    ...(PLACE_TASK_ROLES.includes(user.role) ? [{ key: '/place-tasks', icon: <SafetyOutlined />, label: '场所处置' }] : []),
    ...(user.role === 'admin'
      ? [
          { key: '/users', icon: <IdcardOutlined />, label: '账号管理' },
          { key: '/audit', icon: <AuditOutlined />, label: '审计日志' },
        ]
      : []),
  ];
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
          items={items}
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
              title={`${user.displayName}（${ROLE_LABELS[user.role] ?? user.role} · ${user.scopeName}）`}
              style={{ maxWidth: 'calc(100vw - 140px)', lineHeight: 'normal', display: 'block' }}
            >
              {user.displayName}（{ROLE_LABELS[user.role] ?? user.role} · {user.scopeName}）
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={logout}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <Routes>
            <Route path="/territory" element={<TerritoryPage />} />
            <Route path="/territory/:id" element={<TerritoryPage />} />
            <Route path="/people" element={<PeoplePage key="people" />} />
            <Route path="/vulnerable" element={<PeoplePage key="vulnerable" vulnerable />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/users" element={<UsersPage />} />
            <Route path="/cases" element={<CasesPage />} />
            <Route path="/contacts" element={<ContactsPage />} />
            <Route path="/clusters" element={<ClustersPage />} />
            <Route path="/bulletin" element={<BulletinPage />} />
            <Route path="/reminder" element={<ReminderPage />} />
            <Route path="/channels" element={<ChannelsPage />} />
            <Route path="/place-tasks" element={<PlaceTasksPage />} />
            <Route path="*" element={<Navigate to="/territory" replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
