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

/**
 * Permissions whose routes also need a city-wide account (`scope: 'city'` on the server): publishing what the
 * whole city reads, the channel list, the audit log and the access matrix. A district CDC holds
 * `bulletins.publish` but may not use it, so the console treats it as not held.
 */
export const CITY_ONLY: ReadonlySet<string> = new Set([
  'bulletins.publish',
  'reminders.publish',
  'channels.write',
  'audit.read',
  'platform.access',
]);

/** The signed-in account (null once logged out). The shell renders pages only after it has loaded. */
export const useMe = () => useQuery(meQuery);

/** The catalogue: roles, menu and audit labels in Chinese. Loaded by the shell before any page. */
export function useCatalogue(): Catalogue {
  const q = useQuery(catalogueQuery);
  return q.data ?? { roles: {}, permissions: [], menu: [], auditActions: {} };
}

/** The state the shell waits for before it draws pages: the catalogue and whether the account is city-wide. */
export function useAccessLoading(signedIn: boolean) {
  const catalogue = useQuery({ ...catalogueQuery, enabled: signedIn });
  const root = useQuery({ ...rootQuery, enabled: signedIn });
  return signedIn && (catalogue.isLoading || root.isLoading);
}

/** Whether the account's scope is the whole city (its root is the tree's root). */
export function useCityWide(): boolean {
  const me = useMe().data;
  const root = useQuery({ ...rootQuery, enabled: !!me });
  return root.data?.depth === 0;
}

/** Whether an account holding `permissions` may use `permission`: city-only ones need a city-wide account. */
export const allows = (permissions: readonly string[], cityWide: boolean, permission: string) =>
  permissions.includes(permission) && (cityWide || !CITY_ONLY.has(permission));

/** `can(permission)`: whether the account holds it, and for city-only actions also is city-wide. */
export function useCan(): (permission: string) => boolean {
  const permissions = useMe().data?.permissions;
  const cityWide = useCityWide();
  return useCallback((p: string) => allows(permissions ?? [], cityWide, p), [permissions, cityWide]);
}
