import type { ModuleDef } from '../kit/module';
import { auditModule } from './audit/module';
import { authModule } from './auth/module';
import { peopleModule } from './people/module';
import { surveillanceModule } from './surveillance/module';
import { territoryModule } from './territory/module';

/** The platform's modules, in dependency order: adding a module is its folder plus one line here. */
export const MODULES: readonly ModuleDef[] = [authModule, territoryModule, peopleModule, surveillanceModule, auditModule];
