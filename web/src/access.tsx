/**
 * What the signed-in account may do, as the server says: `GET /api/auth/me` lists its permissions and
 * `GET /api/platform/catalogue` the menu and labels. The console draws itself from these two, so a control the
 * account cannot use is not shown, and a role's rights live only in the server's module descriptions.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './api';
import type { Catalogue, Me, TerritoryNode } from './contracts';

export const meQuery = { queryKey: ['me'], queryFn: () => api.get<Me | null>('/api/auth/me') };
const catalogueQuery = {
  queryKey: ['catalogue'],
  queryFn: () => api.get<Catalogue>('/api/platform/catalogue'),
  staleTime: Infinity,
};
/** The caller's own scope node (the territory page opens on it; shared cache key). */
export const rootQuery = {
  queryKey: ['node', 'root'],
  queryFn: () => api.get<TerritoryNode>('/api/territory/root'),
};

/** The signed-in account (null once logged out). The shell renders pages only after it has loaded. */
export const useMe = () => useQuery(meQuery);

/** The catalogue: roles, menu and audit labels in Chinese. Loaded by the shell before any page. */
export function useCatalogue(): Catalogue {
  const q = useQuery(catalogueQuery);
  return q.data ?? { roles: {}, permissions: [], menu: [], auditActions: {} };
}

/** The state the shell waits for before it draws pages: the catalogue and the account's own scope node. */
export function useAccessLoading(signedIn: boolean) {
  const catalogue = useQuery({ ...catalogueQuery, enabled: signedIn });
  const root = useQuery({ ...rootQuery, enabled: signedIn });
  return signedIn && (catalogue.isLoading || root.isLoading);
}

/**
 * `can(permission)`: whether the account may use it. The server's list already leaves out the city-only
 * permissions (publishing, the audit log) of accounts scoped below the city.
 */
export function useCan(): (permission: string) => boolean {
  const permissions = useMe().data?.permissions;
  return useCallback((p: string) => !!permissions?.includes(p), [permissions]);
}
