import { definePermissions } from '../../kit/permissions';
import { ALL_ROLES } from '../../kit/roles';

/** Accounts are managed by admins, each inside their own scope. */
export const usersPermissions = definePermissions('users', {
  manage: { zh: '管理账号（新建、停用）', roles: ['admin'] },
});

/** Every account keeps its own device tokens (a scanner, a lab system): it makes, lists and revokes them. */
export const tokensPermissions = definePermissions('tokens', {
  own: { zh: '管理本人的设备令牌（扫码枪、检测系统）', roles: ALL_ROLES },
});
