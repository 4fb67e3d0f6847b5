import { defineModule } from '../../kit/module';
import { territoryPermissions } from './permissions';
import { registerTerritory } from './routes';
import type { CountsProvider } from './service';

/**
 * The territory module. Its pages show each node's households, residents and vulnerable residents, which the
 * people module counts: `src/modules/index.ts` passes people's counts in, so territory never imports people
 * (dependencies point territory ← people).
 */
export const territoryModule = (counts: CountsProvider) =>
  defineModule({
    name: 'territory',
    label: '辖区',
    tables: ['territory_nodes'],
    permissions: [territoryPermissions],
    menu: [{ path: '/territory', label: '辖区', icon: 'ApartmentOutlined', permission: territoryPermissions.names.read }],
    routes(app) {
      registerTerritory(app, counts);
    },
  });
