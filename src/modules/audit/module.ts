import { defineModule } from '../../kit/module';
import { peopleService } from '../people/service';
import { auditPermissions, platformPermissions } from './permissions';
import { registerAudit } from './routes';

export const auditModule = defineModule({
  name: 'audit',
  label: '审计',
  tables: [],
  permissions: [auditPermissions, platformPermissions],
  menu: [{ path: '/audit', label: '审计日志', icon: 'AuditOutlined', permission: auditPermissions.names.read }],
  routes(app, { modules }) {
    registerAudit(app, peopleService.namesOf, Object.assign({}, ...modules.map((m) => m.auditActions ?? {})));
  },
});
