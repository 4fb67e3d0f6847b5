import { defineModule, type ModuleDef } from '../../kit/module';
import { overviewPermissions } from './permissions';
import { registerOverview } from './routes';

/**
 * The command overview (指挥部首页): it owns no data and imports no module; it shows the tiles the `modules`
 * handed to it declare (`overview` in their module.ts). Listed first, so its menu entry is the page those who
 * may read it land on.
 */
export const overviewModule = (modules: readonly ModuleDef[]) =>
  defineModule({
    name: 'overview',
    label: '指挥部首页',
    tables: [],
    permissions: [overviewPermissions],
    menu: [{ path: '/overview', label: '指挥部首页', icon: 'DashboardOutlined', permission: overviewPermissions.names.read }],
    routes(app) {
      registerOverview(
        app,
        modules.flatMap((m) => m.overview ?? []),
      );
    },
  });
