import { defineModule } from '../../kit/module';
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
  auditActions: {
    'auth.login': '登录',
    'auth.login_failed': '登录失败',
    'auth.logout': '退出登录',
    'user.create': '新建账号',
    'user.disable': '停用账号',
    'user.enable': '启用账号',
    'token.create': '创建设备令牌',
    'token.revoke': '吊销设备令牌',
  },
  routes(app, deps) {
    registerAuth(app, deps);
  },
});
