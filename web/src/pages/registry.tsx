import type { ReactNode } from 'react';
import { PrintView } from '../components/print-view';
import { AuditPage } from './audit/audit-page';
import { TokensPage } from './auth/tokens-page';
import { UsersPage } from './auth/users-page';
import { PeoplePage } from './people/people-page';
import { BulletinPage } from './surveillance/bulletin-page';
import { CasesPage } from './surveillance/cases-page';
import { ChannelsPage } from './surveillance/channels-page';
import { ClustersPage } from './surveillance/clusters-page';
import { ContactsPage } from './surveillance/contacts-page';
import { PlaceTasksPage } from './surveillance/place-tasks-page';
import { ReminderPage } from './surveillance/reminder-page';
import { TerritoryPage } from './territory/territory-page';

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
  '/users': { element: <UsersPage /> },
  '/tokens': { element: <TokensPage /> },
  '/audit': { element: <AuditPage /> },
};
