import { defineModule } from '../../kit/module';
import { noticesAuditActions } from './audit-actions';
import './events';
import { noticesPermissions } from './permissions';
import { registerNotices } from './routes';

/** Risk-level notices (风险等级通告): composed from the records, reviewed, published as frozen versions. */
export const noticesModule = defineModule({
  name: 'notices',
  label: '风险等级通告',
  tables: ['risk_notices'],
  permissions: [noticesPermissions],
  menu: [{ path: '/notices', label: '风险等级通告', icon: 'NotificationOutlined', permission: noticesPermissions.names.read }],
  auditActions: noticesAuditActions,
  routes: registerNotices,
});
