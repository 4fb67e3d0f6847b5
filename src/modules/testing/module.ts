import { defineModule } from '../../kit/module';
import './events';
import { testingAuditActions } from './audit-actions';
import { registerCoverage } from './coverage/routes';
import { testingPermissions } from './permissions';
import { registerRounds } from './rounds/routes';

/**
 * Mass testing (全员核酸检测): rounds and their targets (rounds/), sampling points, time slots and the planner
 * (pooling/), the sampler's scans and door-to-door tasks (sampling/), handovers, lab results and retests (lab/),
 * coverage, missing lists and round speed (coverage/). Each sub-folder registers its own routes.
 */
export const testingModule = defineModule({
  name: 'testing',
  label: '全员核酸检测',
  tables: [
    'testing_planner',
    'testing_rounds',
    'testing_round_nodes',
    'testing_targets',
    'testing_exemptions',
    'sampling_points',
    'sampling_point_communities',
    'sampling_slots',
    'testing_handovers',
    'tubes',
    'samples',
    'retest_tasks',
    'door_tasks',
    'testing_missed',
  ],
  permissions: [testingPermissions],
  menu: [{ path: '/testing', label: '全员核酸', icon: 'ExperimentOutlined', permission: testingPermissions.names.read }],
  auditActions: testingAuditActions,
  routes(app) {
    registerRounds(app);
    registerCoverage(app);
  },
});
