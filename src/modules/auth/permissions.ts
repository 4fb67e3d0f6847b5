import { definePermissions } from '../../kit/permissions';

/** Accounts are managed by admins, each inside their own scope. */
export const usersPermissions = definePermissions('users', {
  manage: { zh: '管理账号（新建、停用）', roles: ['admin'] },
});
