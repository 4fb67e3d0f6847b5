import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Actor } from '../kit/actor';
import { type Ctx, contextFor, type Kit } from '../kit/context';
import { type Catalogue, isCityWide, type Permission } from '../kit/permissions';
import type { Role } from '../kit/roles';
import { forbidden, unauthorized } from './errors';

/**
 * What every API route must declare: the permission it needs (or `signed_in` for any account) and over which
 * part of the territory it acts. `territory` routes see only the caller's subtree (the stores built from the
 * request's context AND it into every statement); `self` routes touch only the caller's own account; `city`
 * routes act on the whole city (publishing, the audit log) and only an account scoped to the city may call them.
 * `citizen` routes serve a resident signed in with their ID number and a one-time code (the health code's own
 * session, not an account): the handler acts for that one person (`request.citizen`), and accounts get 401.
 */
export type Access =
  | { public: true }
  | { citizen: true }
  | { permission: Permission | 'signed_in'; scope: 'territory' | 'self' | 'city' };

/** The resident a citizen route acts for (set from the health code's session cookie). */
export interface Citizen {
  personId: number;
  /** The masked name (张*) the session carries. */
  name: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    ctx: Ctx | null;
    citizen: Citizen | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface AccessEntry {
  method: string;
  url: string;
  access: Access;
  /** The roles holding the route's permission (every role for `signed_in`, none for public routes). */
  roles: Role[];
}

/**
 * Returns an onRoute hook that refuses to start a server with an API route that does not declare its access or
 * names a permission no module declares, and records every declaration in `table` (the access matrix).
 */
export function collectAccess(table: AccessEntry[], catalogue: Catalogue, allRoles: readonly Role[]) {
  return (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} does not declare config.access`);
    if ('permission' in access && access.permission !== 'signed_in') {
      const def = catalogue.permissions.get(access.permission);
      if (!def) throw new Error(`route ${route.method} ${route.url} needs ${access.permission}, which no module declares`);
      if (!!def.cityOnly !== (access.scope === 'city'))
        throw new Error(`route ${route.method} ${route.url}: scope 'city' goes with a cityOnly permission, and only with one`);
    }
    const roles =
      'public' in access || 'citizen' in access
        ? []
        : access.permission === 'signed_in'
          ? [...allRoles]
          : [...(catalogue.permissions.get(access.permission)?.roles ?? [])];
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access, roles });
  };
}

/**
 * Enforces a route's declared permission before its input is even validated (so a caller without it learns
 * nothing from validation messages), and gives the request its context.
 */
export function enforceAccess(kit: Kit) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    if ('citizen' in access) {
      if (!request.citizen) throw unauthorized();
      return;
    }
    const actor = request.actor;
    if (!actor) throw unauthorized();
    if (access.permission !== 'signed_in' && !kit.catalogue.has(actor.role, access.permission)) throw forbidden();
    if (access.scope === 'city' && !isCityWide(actor.scopePath))
      throw forbidden('此操作需要市级账号', 'This action needs a city-wide account');
    request.ctx = contextFor(kit, actor);
  };
}

/** The resident of a citizen route (enforceAccess has run). */
export function citizenOf(request: FastifyRequest): Citizen {
  if (!request.citizen) throw unauthorized();
  return request.citizen;
}

/** The context of a route that declared a permission (enforceAccess has run). */
export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.ctx) throw unauthorized();
  return request.ctx;
}
