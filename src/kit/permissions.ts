import type { Role } from './roles';

/** A permission of a module: what it allows, in Chinese, and the roles that hold it by default. */
export interface PermissionDef {
  zh: string;
  roles: readonly Role[];
  /**
   * Held only by accounts scoped to the whole city, whatever their role: publishing what the whole city reads,
   * the audit log. Its routes declare `scope: 'city'` (the server refuses to start otherwise).
   */
  cityOnly?: true;
}

/** Whether a scope path is the city's own (the tree's root, '/1/'). */
export const isCityWide = (scopePath: string) => scopePath.split('/').filter(Boolean).length === 1;

/** A named permission, `<group>.<action>` (cases.write, people.reveal). */
export type Permission = `${string}.${string}`;

export interface PermissionGroup<K extends string = string> {
  /** The permission names, typed: `P.write` is `'cases.write'`. */
  readonly names: { readonly [k in K]: Permission };
  readonly defs: ReadonlyMap<Permission, PermissionDef>;
}

/**
 * Declares a group of permissions once, with the roles that hold each: `definePermissions('cases', { read: {…} })`.
 * Routes name `P.names.read`, the console asks `can('cases.read')`, and the access matrix lists them.
 */
export function definePermissions<K extends string>(group: string, defs: Record<K, PermissionDef>): PermissionGroup<K> {
  const names = {} as Record<K, Permission>;
  const map = new Map<Permission, PermissionDef>();
  for (const k of Object.keys(defs) as K[]) {
    const name = `${group}.${k}` as Permission;
    names[k] = name;
    map.set(name, defs[k]);
  }
  return { names, defs: map };
}

/** All permissions of all modules, and the set each role holds: roles are sets of permissions. */
export class Catalogue {
  readonly permissions = new Map<Permission, PermissionDef>();
  private readonly byRole = new Map<Role, Set<Permission>>();

  constructor(groups: Iterable<PermissionGroup>) {
    for (const g of groups)
      for (const [name, def] of g.defs) {
        if (this.permissions.has(name)) throw new Error(`permission ${name} is declared twice`);
        this.permissions.set(name, def);
        for (const role of def.roles) {
          let set = this.byRole.get(role);
          if (!set) this.byRole.set(role, (set = new Set()));
          set.add(name);
        }
      }
  }

  /** The permissions a role holds (empty for a role no module grants anything). */
  of(role: Role): ReadonlySet<Permission> {
    return this.byRole.get(role) ?? new Set();
  }

  has(role: Role, permission: Permission): boolean {
    return this.of(role).has(permission);
  }

  /** Whether an account may use `permission`: its role holds it, and a city-only one needs a city-wide scope. */
  allows(account: { role: Role; scopePath: string }, permission: Permission): boolean {
    return this.has(account.role, permission) && (!this.permissions.get(permission)?.cityOnly || isCityWide(account.scopePath));
  }

  /** Every permission an account may use (what `GET /api/auth/me` tells the console). */
  grantedTo(account: { role: Role; scopePath: string }): Permission[] {
    return [...this.of(account.role)].filter((p) => this.allows(account, p));
  }
}
