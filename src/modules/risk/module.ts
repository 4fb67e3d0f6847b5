import { defineModule } from '../../kit/module';
import './events';
import { riskAuditActions } from './audit-actions';
import { riskPermissions } from './permissions';
import { registerRisk } from './routes';
import { riskService } from './service';

export const riskModule = defineModule({
  name: 'risk',
  label: '风险区域与管控区域',
  tables: ['risk_areas', 'risk_area_nodes', 'risk_area_levels', 'risk_area_rounds'],
  permissions: [riskPermissions],
  menu: [{ path: '/risk', label: '风险区域', icon: 'EnvironmentOutlined', permission: riskPermissions.names.read }],
  auditActions: riskAuditActions,
  // An area's level changes only by a published notice: the changes it names take effect in the publication's
  // transaction (a change no longer planned fails the publication, so a notice never says what did not happen).
  on: {
    'notice.published': async (ctx, e) => {
      if (e.changeIds.length) await riskService.applyPublished(ctx, e.changeIds, e.noticeId);
    },
  },
  routes(app, deps) {
    registerRisk(app, deps);
  },
});
