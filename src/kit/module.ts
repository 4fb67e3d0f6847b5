import type { FastifyInstance } from 'fastify';
import type { Config } from '../server/config';
import type { AuditAction } from './audit-sentences';
import type { Kit } from './context';
import type { EventHandlers } from './events';
import type { OverviewSource } from './overview';
import type { Permission, PermissionGroup } from './permissions';

/** A console menu entry: the page's path, its label and icon, and the permission that opens it. */
export interface MenuEntry {
  path: string;
  label: string;
  /** An @ant-design/icons component name, e.g. 'AlertOutlined'. */
  icon: string;
  permission: Permission;
}

/** What a module's routes receive: the kit and the validated configuration; nothing global. */
export interface ModuleDeps {
  kit: Kit;
  config: Config;
  /** All modules served: the audit log says each module's actions as that module declares them. */
  modules: readonly ModuleDef[];
}

/**
 * A module describes itself once: its permissions, routes, console menu entries, the Chinese labels of the
 * audit actions it writes, and its handlers of other modules' events. The server, the access matrix
 * (`GET /api/platform/access`), the console menu and the audit page are all produced from these descriptions;
 * `src/modules/index.ts` lists the modules.
 */
export interface ModuleDef {
  name: string;
  label: string;
  /** The tables this module owns: only its stores name them (src/server/layering.test.ts holds every module to it). */
  tables: readonly string[];
  permissions: readonly PermissionGroup[];
  menu?: readonly MenuEntry[];
  /** Each action's label, or its label and the sentence its rows read as (src/kit/audit-sentences.ts). */
  auditActions?: Readonly<Record<string, AuditAction>>;
  routes(app: FastifyInstance, deps: ModuleDeps): void;
  on?: EventHandlers;
  /** Its tiles on the command overview (指挥部首页), each shown to callers holding its permission (src/kit/overview.ts). */
  overview?: readonly OverviewSource[];
}

export const defineModule = (m: ModuleDef): ModuleDef => m;

/** The kit's own tables: the audit log, the domain events, the import batches and the platform's secrets. */
export const KIT_TABLES: readonly string[] = ['audit_log', 'domain_events', 'import_batches', 'platform_secrets'];
