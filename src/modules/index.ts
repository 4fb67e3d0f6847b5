import type { ModuleDef } from '../kit/module';
import { auditModule } from './audit/module';
import { authModule } from './auth/module';
import { elsewhereModule } from './elsewhere/module';
import { healthcodeModule } from './healthcode/module';
import { healthcodeService } from './healthcode/service';
import { noticesModule } from './notices/module';
import { overviewModule } from './overview/module';
import { peopleModule } from './people/module';
import { peopleCounts } from './people/service';
import { policyModule } from './policy/module';
import { riskModule } from './risk/module';
import { surveillanceModule } from './surveillance/module';
import { territoryModule } from './territory/module';
import { testingModule } from './testing/module';

/**
 * The platform's modules, in dependency order (the console's menu follows it): adding a module is its folder plus
 * one line here. The territory
 * shows the people module's subtree counts, handed in here so that territory never imports people; the sampler
 * reads the health-code QR with the health code's check of its token, handed in so that testing never imports
 * the health code.
 */
const FEATURES: readonly ModuleDef[] = [
  territoryModule(peopleCounts),
  peopleModule,
  surveillanceModule,
  policyModule,
  elsewhereModule,
  riskModule,
  noticesModule,
  testingModule(healthcodeService.personOfToken),
  healthcodeModule,
  authModule,
  auditModule,
];

/** The command overview comes first (those who may read it land on it) and shows the tiles the others declare. */
export const MODULES: readonly ModuleDef[] = [overviewModule(FEATURES), ...FEATURES];
