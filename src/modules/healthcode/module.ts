import { defineModule } from '../../kit/module';
import './events';
import { colourHandlers } from './colours/handlers';
import { startSweeper } from './colours/sweeper';
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
    'venues',
    'venue_scans',
  ],
  permissions: [healthcodePermissions],
  menu: [
    { path: '/health-codes', label: '健康码管理', icon: 'SafetyOutlined', permission: healthcodePermissions.names.read },
    { path: '/venues', label: '场所码', icon: 'EnvironmentOutlined', permission: healthcodePermissions.names.venues },
  ],
  auditActions: { ...correctionAuditActions, ...venueAuditActions },
  // The facts other modules state colour the codes they touch, in the same transaction (colours/handlers.ts).
  on: colourHandlers,
  routes(app, { kit }) {
    const stopSweeper = startSweeper(kit, (m) => app.log.warn(m));
    const stopFollower = startFollower(kit, (m) => app.log.warn(m));
    app.addHook('onClose', async () => {
      stopSweeper();
      stopFollower();
    });
    registerVerifyRoutes(app, kit);
    registerCorrectionRoutes(app);
    registerVenueRoutes(app);
  },
});
