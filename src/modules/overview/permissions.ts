import { definePermissions } from '../../kit/permissions';

/** The command overview is for those who direct: headquarters, the CDC, the districts (and admins). */
export const overviewPermissions = definePermissions('overview', {
  read: { zh: '查看指挥部首页', roles: ['city_hq', 'cdc', 'district', 'admin'] },
});
