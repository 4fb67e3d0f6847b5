import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditLabel } from '../kit/audit-sentences';
import type { Kit } from '../kit/context';
import type { ModuleDef } from '../kit/module';
import { ROLES } from '../kit/roles';
import { platformPermissions } from '../modules/audit/permissions';
import type { AccessEntry } from './access';

export const catalogueResponse = z.object({
  roles: z.record(z.string(), z.string()),
  permissions: z.array(z.object({ name: z.string(), zh: z.string(), roles: z.array(z.string()), cityOnly: z.boolean() })),
  menu: z.array(z.object({ path: z.string(), label: z.string(), icon: z.string(), permission: z.string() })),
  auditActions: z.record(z.string(), z.string()),
});

/** Health, the access matrix and the catalogue the console is drawn from: all produced from the modules. */
export function registerPlatform(app: FastifyInstance, kit: Kit, modules: readonly ModuleDef[], accessTable: AccessEntry[]) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', {
    config: { access: { public: true } },
    schema: {
      tags: ['platform'],
      summary: '健康检查 (200 once the database answers)',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.string() }),
        503: z.object({ status: z.literal('unavailable') }),
      },
    },
    handler: async (_req, reply) => {
      try {
        const r = await kit.pool.query('SHOW server_version');
        return { status: 'ok' as const, database: `PostgreSQL ${r.rows[0].server_version}` };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  });

  r.get('/api/platform/access', {
    config: { access: { permission: platformPermissions.names.access, scope: 'city' } },
    schema: {
      tags: ['platform'],
      summary: '权限矩阵 (every route with its permission, scope and the roles holding it)',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              method: z.string(),
              url: z.string(),
              access: z.record(z.string(), z.unknown()),
              roles: z.array(z.string()),
            }),
          ),
        }),
      },
    },
    handler: async () => ({ items: accessTable }),
  });

  r.get('/api/platform/catalogue', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: {
      tags: ['platform'],
      summary: '模块目录：角色、权限、菜单、审计动作 (what the console is drawn from)',
      response: { 200: catalogueResponse },
    },
    handler: async () => ({
      roles: { ...ROLES },
      permissions: [...kit.catalogue.permissions].map(([name, d]) => ({
        name,
        zh: d.zh,
        roles: [...d.roles],
        cityOnly: !!d.cityOnly,
      })),
      menu: modules.flatMap((m) => m.menu ?? []),
      auditActions: Object.fromEntries(
        modules.flatMap((m) => Object.entries(m.auditActions ?? {}).map(([k, a]) => [k, auditLabel(a)])),
      ),
    }),
  });
}
