import type { Role } from './roles';

/** Who is calling: set by the auth module from the session cookie or a device token, or by the CLI. */
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
  /** The name of the scope node, when the session's lookup already asked territory for it (auth/actor-cache.ts). */
  scopeName?: string;
}
