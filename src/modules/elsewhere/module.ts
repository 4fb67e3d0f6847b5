import { defineModule } from '../../kit/module';
import { elsewhereAuditActions } from './audit-actions';
import './events';
import { elsewherePermissions } from './permissions';
import { registerElsewhere } from './routes';

/** Other cities' medium- and high-risk areas (外地中高风险地区): imported feeds, the CDC's entries, who must report. */
export const elsewhereModule = defineModule({
  name: 'elsewhere',
  label: '外地风险地区',
  tables: ['elsewhere_areas', 'elsewhere_feeds'],
  permissions: [elsewherePermissions],
  menu: [{ path: '/elsewhere', label: '外地风险地区', icon: 'GlobalOutlined', permission: elsewherePermissions.names.read }],
  auditActions: elsewhereAuditActions,
  routes: registerElsewhere,
});
