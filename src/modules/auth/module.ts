import { defineModule } from '../../kit/module';
import { usersPermissions } from './permissions';
import { registerAuth } from './routes';
import { authService } from './service';

export const authModule = defineModule({
  name: 'auth',
  label: '账号',
  permissions: [usersPermissions],
  menu: [{ path: '/users', label: '账号管理', icon: 'IdcardOutlined', permission: usersPermissions.names.manage }],
  auditActions: {
    'auth.login': '登录',
    'auth.login_failed': '登录失败',
    'auth.logout': '退出登录',
    'user.create': '新建账号',
    'user.disable': '停用账号',
    'user.enable': '启用账号',
    'token.create': '创建设备令牌',
  },
  routes(app, { kit, config }) {
    const deps = { pool: kit.pool, clock: kit.clock, config, catalogue: kit.catalogue, kit };
    registerAuth(app, deps, authService({ ...deps, limits: sessionLimits(config) }));
  },
});

export const sessionLimits = (config: { SESSION_IDLE_MINUTES: number; SESSION_MAX_HOURS: number }) => ({
  idleMinutes: config.SESSION_IDLE_MINUTES,
  maxHours: config.SESSION_MAX_HOURS,
});
