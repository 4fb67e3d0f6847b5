import { defineModule } from '../../kit/module';
import './events';
import { riskAuditActions } from './audit-actions';
import { riskPermissions } from './permissions';
import { registerRisk } from './routes';

export const riskModule = defineModule({
  name: 'risk',
  label: '风险区域与管控区域',
  tables: ['risk_areas', 'risk_area_nodes', 'risk_area_levels', 'risk_area_rounds'],
  permissions: [riskPermissions],
  menu: [{ path: '/risk', label: '风险区域', icon: 'EnvironmentOutlined', permission: riskPermissions.names.read }],
  auditActions: riskAuditActions,
  routes(app, deps) {
    registerRisk(app, deps);
  },
});
