import { defineModule } from '../../kit/module';
import { policyAuditActions } from './audit-actions';
import { policyPermissions } from './permissions';
import { registerPolicy } from './routes';
import './events';

export const policyModule = defineModule({
  name: 'policy',
  label: '防控方案',
  tables: ['policy_editions'],
  permissions: [policyPermissions],
  menu: [{ path: '/policy', label: '防控方案', icon: 'BookOutlined', permission: policyPermissions.names.read }],
  auditActions: policyAuditActions,
  routes: registerPolicy,
});
