import { defineModule } from '../../kit/module';
import { authAuditActions } from './audit-actions';
import { tokensPermissions, usersPermissions } from './permissions';
import { registerAuth } from './routes';

export const authModule = defineModule({
  name: 'auth',
  label: '账号',
  tables: ['users', 'sessions', 'api_tokens', 'login_failures'],
  permissions: [usersPermissions, tokensPermissions],
  menu: [
    { path: '/users', label: '账号管理', icon: 'IdcardOutlined', permission: usersPermissions.names.manage },
    { path: '/tokens', label: '设备令牌', icon: 'KeyOutlined', permission: tokensPermissions.names.own },
  ],
  auditActions: authAuditActions,
  routes(app, deps) {
    registerAuth(app, deps);
  },
});
