import { defineModule } from '../../kit/module';
import './events';
import { registerCitizenRoutes } from './citizen/routes';
import { colourHandlers } from './colours/handlers';
import { startSweeper } from './colours/sweeper';
import { registerCompanionRoutes } from './companions/routes';
import { correctionAuditActions } from './corrections/audit-actions';
import { registerCorrectionRoutes } from './corrections/routes';
import { healthcodePermissions } from './permissions';
import { venueAuditActions } from './venues/audit-actions';
import { registerVenueRoutes } from './venues/routes';
import { startFollower } from './verify/follower';
import { registerVerifyRoutes } from './verify/routes';

/**
 * The health code (龙江健康码) and venue codes (场所码): colours derived from facts under the policy edition in force
 * (colours/), administrators' corrections with a second person for the grave ones (corrections/), the citizens'
 * page with its signed QR token and self-reports (citizen/), venues and their printable codes (venues/), the
 * verification of scans from an in-memory projection with scans committed in groups (verify/), and space-time
 * companions of a case (companions/). Each sub-folder registers its own routes.
 */
export const healthcodeModule = defineModule({
  name: 'healthcode',
  label: '健康码与场所码',
  tables: [
    'health_facts',
    'health_codes',
    'health_code_changes',
    'health_corrections',
    'health_overrides',
    'citizen_codes',
    'travel_reports',
    'citizen_code_requests',
    'venues',
    'venue_scans',
  ],
  permissions: [healthcodePermissions],
  menu: [
    { path: '/health-codes', label: '健康码管理', icon: 'SafetyOutlined', permission: healthcodePermissions.names.read },
    { path: '/checkpoint', label: '扫码核验', icon: 'ScanOutlined', permission: healthcodePermissions.names.scan },
    { path: '/companions', label: '时空伴随排查', icon: 'NodeIndexOutlined', permission: healthcodePermissions.names.companions },
    { path: '/venues', label: '场所码', icon: 'EnvironmentOutlined', permission: healthcodePermissions.names.venues },
  ],
  auditActions: {
    ...correctionAuditActions,
    ...venueAuditActions,
    'healthcode.citizen_signin': '市民登录健康码',
    'healthcode.travel_report': '市民行程报备',
    'healthcode.companions_confirm': '时空伴随确认为密接',
  },
  // The facts other modules state colour the codes they touch, in the same transaction (colours/handlers.ts).
  on: colourHandlers,
  routes(app, deps) {
    const { kit } = deps;
    registerCitizenRoutes(app, deps);
    const stopSweeper = startSweeper(kit, (m) => app.log.warn(m));
    const stopFollower = startFollower(kit, (m) => app.log.warn(m));
    app.addHook('onClose', async () => {
      stopSweeper();
      stopFollower();
    });
    registerVerifyRoutes(app, kit);
    registerCorrectionRoutes(app);
    registerCompanionRoutes(app);
    registerVenueRoutes(app);
  },
});
