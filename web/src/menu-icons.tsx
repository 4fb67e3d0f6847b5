import {
  AlertOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  ClusterOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  GlobalOutlined,
  IdcardOutlined,
  KeyOutlined,
  NodeIndexOutlined,
  NotificationOutlined,
  SafetyOutlined,
  ScanOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/**
 * The @ant-design/icons the catalogue's menu names, by name: a map rather than the whole icon set, so the
 * bundle carries only these. A name not listed (a new module's) shows a generic icon until it is added here.
 */
const ICONS: Record<string, ReactNode> = {
  AlertOutlined: <AlertOutlined />,
  ApartmentOutlined: <ApartmentOutlined />,
  AuditOutlined: <AuditOutlined />,
  BellOutlined: <BellOutlined />,
  BookOutlined: <BookOutlined />,
  ClusterOutlined: <ClusterOutlined />,
  DashboardOutlined: <DashboardOutlined />,
  EnvironmentOutlined: <EnvironmentOutlined />,
  ExperimentOutlined: <ExperimentOutlined />,
  FileTextOutlined: <FileTextOutlined />,
  GlobalOutlined: <GlobalOutlined />,
  IdcardOutlined: <IdcardOutlined />,
  ScanOutlined: <ScanOutlined />,
  KeyOutlined: <KeyOutlined />,
  NodeIndexOutlined: <NodeIndexOutlined />,
  NotificationOutlined: <NotificationOutlined />,
  SafetyOutlined: <SafetyOutlined />,
  TeamOutlined: <TeamOutlined />,
  UnorderedListOutlined: <UnorderedListOutlined />,
  UserOutlined: <UserOutlined />,
};

export const menuIcon = (name: string): ReactNode => ICONS[name] ?? <AppstoreOutlined />;

/** Whether the map holds `name` (the catalogue test checks every menu icon is drawn). */
export const hasMenuIcon = (name: string) => name in ICONS;
