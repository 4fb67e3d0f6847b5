import { type ComponentType, lazy, type ReactNode } from 'react';

/**
 * A page's code, loaded when the page is first opened: each page (and what only it uses: the chain graph's
 * Cytoscape, the charts' ECharts) is its own chunk, so the login form waits for none of them.
 */
const page = <P extends object, M = unknown>(load: () => Promise<M>, name: keyof M) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType<P> }));

const OverviewPage = page(() => import('./overview/overview-page'), 'OverviewPage');
const TerritoryPage = page(() => import('./territory/territory-page'), 'TerritoryPage');
const PeoplePage = lazy(() => import('./people/people-page').then((m) => ({ default: m.PeoplePage })));
const CasesPage = page(() => import('./surveillance/cases-page'), 'CasesPage');
const ContactsPage = page(() => import('./surveillance/contacts-page'), 'ContactsPage');
const ClustersPage = page(() => import('./surveillance/clusters-page'), 'ClustersPage');
const BulletinPage = page(() => import('./surveillance/bulletin-page'), 'BulletinPage');
const ReminderPage = page(() => import('./surveillance/reminder-page'), 'ReminderPage');
const ChannelsPage = page(() => import('./surveillance/channels-page'), 'ChannelsPage');
const PlaceTasksPage = page(() => import('./surveillance/place-tasks-page'), 'PlaceTasksPage');
const NoticesPage = page(() => import('./notices/notices-page'), 'NoticesPage');
const PolicyPage = page(() => import('./policy/policy-page'), 'PolicyPage');
const ElsewherePage = page(() => import('./elsewhere/elsewhere-page'), 'ElsewherePage');
const UsersPage = page(() => import('./auth/users-page'), 'UsersPage');
const TokensPage = page(() => import('./auth/tokens-page'), 'TokensPage');
const AuditPage = page(() => import('./audit/audit-page'), 'AuditPage');
const RiskPage = page(() => import('./risk/risk-page'), 'RiskPage');
const TestingPage = page(() => import('./testing/testing-page'), 'TestingPage');
const LabPage = page(() => import('./testing/lab-page'), 'LabPage');
const SamplerPage = page(() => import('./testing/sampler-page'), 'SamplerPage');
const HealthCodesPage = page(() => import('./healthcode/health-codes-page'), 'HealthCodesPage');
const CheckpointPage = page(() => import('./healthcode/checkpoint-page'), 'CheckpointPage');
const CompanionsPage = page(() => import('./healthcode/companions-page'), 'CompanionsPage');
const VenuesPage = page(() => import('./venues/venues-page'), 'VenuesPage');
const VenuePrint = page(() => import('./venues/venue-print'), 'VenuePrint');
const PublicRiskPage = page(() => import('./risk/public-risk-page'), 'PublicRiskPage');
const CitizenPage = page(() => import('./healthcode/citizen-page'), 'CitizenPage');
const VenueScanPage = page(() => import('./healthcode/venue-scan-page'), 'VenueScanPage');
const PrintView = lazy(() => import('../components/print-view').then((m) => ({ default: m.PrintView })));

/**
 * A page of the console: what it draws, the sub-paths that open it too (a territory node by id), and pages of
 * its own under it (a text's print view), opened under the same menu entry's permission.
 */
export interface PageDef {
  element: ReactNode;
  subPaths?: string[];
  subPages?: Record<string, ReactNode>;
}

/**
 * Every page by the path of its menu entry. The permission a page needs is its menu entry's, from the server's
 * catalogue; a page without a menu entry opens for no one (deny by default).
 */
export const PAGES: Record<string, PageDef> = {
  '/overview': { element: <OverviewPage /> },
  '/territory': { element: <TerritoryPage />, subPaths: [':id'] },
  '/people': { element: <PeoplePage key="people" /> },
  '/vulnerable': { element: <PeoplePage key="vulnerable" vulnerable /> },
  '/cases': { element: <CasesPage /> },
  '/contacts': { element: <ContactsPage /> },
  '/clusters': { element: <ClustersPage /> },
  '/bulletin': {
    element: <BulletinPage />,
    subPages: { 'print/:id': <PrintView base="/api/surveillance/bulletins" /> },
  },
  '/reminder': {
    element: <ReminderPage />,
    subPages: { 'print/:id': <PrintView base="/api/surveillance/reminders" /> },
  },
  '/channels': { element: <ChannelsPage /> },
  '/place-tasks': { element: <PlaceTasksPage /> },
  '/notices': {
    element: <NoticesPage />,
    subPages: { 'print/:id': <PrintView base="/api/notices" /> },
  },
  '/policy': { element: <PolicyPage /> },
  '/elsewhere': { element: <ElsewherePage /> },
  '/risk': { element: <RiskPage /> },
  '/testing': { element: <TestingPage /> },
  '/lab': { element: <LabPage /> },
  '/sampling': { element: <SamplerPage /> },
  '/health-codes': { element: <HealthCodesPage /> },
  '/checkpoint': { element: <CheckpointPage /> },
  '/companions': { element: <CompanionsPage /> },
  '/venues': { element: <VenuesPage />, subPages: { 'print/:id': <VenuePrint /> } },
  '/users': { element: <UsersPage /> },
  '/tokens': { element: <TokensPage /> },
  '/audit': { element: <AuditPage /> },
};

/**
 * Pages anyone may open without an account (only public or citizens' routes behind them), by path (react-router
 * patterns: `/v/:code` is the page a printed venue code's QR opens): no login, no menu.
 */
export const PUBLIC_PAGES: Record<string, ReactNode> = {
  '/public/risk-areas': <PublicRiskPage />,
  '/public/code': <CitizenPage />,
  '/v/:code': <VenueScanPage />,
};
