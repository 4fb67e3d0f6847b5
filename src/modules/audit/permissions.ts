import { definePermissions } from '../../kit/permissions';

export const auditPermissions = definePermissions('audit', {
  read: { zh: '查看审计日志', roles: ['admin'], cityOnly: true },
});

/** The platform's own pages: the access matrix. */
export const platformPermissions = definePermissions('platform', {
  access: { zh: '查看权限矩阵', roles: ['admin'], cityOnly: true },
});
