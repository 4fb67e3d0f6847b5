import { defineModule } from '../../kit/module';
import { territoryPermissions } from './permissions';
import { registerTerritory } from './routes';

export const territoryModule = defineModule({
  name: 'territory',
  label: '辖区',
  permissions: [territoryPermissions],
  menu: [{ path: '/territory', label: '辖区', icon: 'ApartmentOutlined', permission: territoryPermissions.names.read }],
  routes(app, { kit, config }) {
    registerTerritory(app, { pool: kit.pool, clock: kit.clock, config });
  },
});
