import { defineModule } from '../../kit/module';
import { peopleStore } from '../people/store';
import { auditPermissions, platformPermissions } from './permissions';
import { registerAudit } from './routes';
import type { PersonNames } from './service';

/**
 * Residents' names, asked of the people module, one resident at a time until it offers a batch lookup
 * (`peopleService.namesOf(ctx, ids)` on the kit replaces this).
 */
const personNames: PersonNames = async (ctx, ids) => {
  const people = peopleStore(ctx.kit.pool, ctx.scopePath);
  const rows = await Promise.all(ids.map((id) => people.byId(id)));
  return new Map(rows.flatMap((p) => (p ? [[p.id, p.name] as const] : [])));
};

export const auditModule = defineModule({
  name: 'audit',
  label: '审计',
  permissions: [auditPermissions, platformPermissions],
  menu: [{ path: '/audit', label: '审计日志', icon: 'AuditOutlined', permission: auditPermissions.names.read }],
  routes(app) {
    registerAudit(app, personNames);
  },
});
