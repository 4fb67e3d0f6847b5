import { defineModule } from '../../kit/module';
import './events';
import { testingAuditActions } from './audit-actions';
import { registerCoverage } from './coverage/routes';
import { registerLab } from './lab/routes';
import { testingPermissions } from './permissions';
import { registerPooling } from './pooling/routes';
import { recordAreaRounds } from './rounds/area-rounds';
import { registerRounds } from './rounds/routes';
import { registerSampling } from './sampling/routes';
import type { TokenReader } from './sampling/rules';

/**
 * Mass testing (全员核酸检测): rounds and their targets (rounds/), sampling points, time slots and the planner
 * (pooling/), the sampler's scans and door-to-door tasks (sampling/), handovers, lab results and retests (lab/),
 * coverage, missing lists and round speed (coverage/). Each sub-folder registers its own routes. The sampler
 * reads the health-code QR with the health code's check of its token, handed in by src/modules/index.ts (the
 * health code follows testing's results, so testing never imports it).
 */
export const testingModule = (readToken: TokenReader) =>
  defineModule({
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
      'testing_coverage_rollup',
    ],
    permissions: [testingPermissions],
    menu: [
      { path: '/testing', label: '全员核酸', icon: 'ExperimentOutlined', permission: testingPermissions.names.read },
      { path: '/lab', label: '检测结果', icon: 'FileTextOutlined', permission: testingPermissions.names.lab },
      { path: '/sampling', label: '采样登记', icon: 'IdcardOutlined', permission: testingPermissions.names.sample },
    ],
    auditActions: testingAuditActions,
    // A closed round whose results are all back becomes a fact of each risk area it covered (lowering counts them).
    on: {
      'testing.round_closed': async (ctx, e) => {
        await recordAreaRounds(ctx, e.roundId);
      },
      'testing.results_recorded': async (ctx, e) => {
        await recordAreaRounds(ctx, e.roundId);
      },
    },
    routes(app, { kit }) {
      registerRounds(app, kit);
      registerPooling(app);
      registerLab(app);
      registerSampling(app, readToken);
      registerCoverage(app);
    },
  });
