import { defineModule } from '../../kit/module';
import './events';
import { peopleAuditActions } from './audit-actions';
import { peopleOverview } from './overview';
import { peoplePermissions } from './permissions';
import { registerPeople } from './routes';

export const peopleModule = defineModule({
  name: 'people',
  label: '人口',
  tables: ['people', 'territory_rollup'],
  permissions: [peoplePermissions],
  menu: [
    { path: '/people', label: '居民台账', icon: 'TeamOutlined', permission: peoplePermissions.names.read },
    { path: '/vulnerable', label: '特殊人群台账', icon: 'UserOutlined', permission: peoplePermissions.names.read },
  ],
  auditActions: peopleAuditActions,
  overview: peopleOverview,
  routes(app) {
    registerPeople(app);
  },
});
