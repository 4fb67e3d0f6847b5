import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '../modules/auth/rules';
import { pathIds } from '../modules/territory/rules';
import { forbidden, unauthorized } from './errors';

/** Who is calling: set by the auth module from the session cookie or a device token. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  scopeNodeId: number;
  /** Path of the scope node: every scoped query is limited to this subtree. */
  scopePath: string;
  ip: string;
  sessionId?: string;
}

/**
 * What every API route must declare: who may call it and over which part of the territory.
 * `public` routes need no login; `territory` routes see only the caller's subtree (enforced in the stores);
 * `self` routes touch only the caller's own account; `city` routes act on the whole city (publishing, the
 * audit log, city-wide lists) and only an account scoped to the city itself may call them.
 */
export type Access = { public: true } | { roles: readonly Role[] | 'any'; scope: 'territory' | 'self' | 'city' };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface AccessEntry {
  method: string;
  url: string;
  access: Access;
}

/**
 * Returns an onRoute hook that refuses to start a server with an API route that does not declare its access,
 * and records every declaration in `table` (served as the access matrix to admins).
 */
export function collectAccess(table: AccessEntry[]) {
  return (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} does not declare config.access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  };
}

/** The preHandler that enforces a route's declared roles. */
export async function enforceAccess(request: FastifyRequest, _reply: FastifyReply) {
  const access = request.routeOptions.config.access;
  if (!access || 'public' in access) return;
  if (!request.actor) throw unauthorized();
  if (access.roles !== 'any' && !access.roles.includes(request.actor.role)) throw forbidden();
  if (access.scope === 'city' && pathIds(request.actor.scopePath).length !== 1)
    throw forbidden('此操作需要市级账号', 'This action needs a city-wide account');
}

/** The actor of a route that declared roles (enforceAccess has run). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
