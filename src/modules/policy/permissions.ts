import { definePermissions } from '../../kit/permissions';

/** Every account that decides or checks by the rules reads the editions; only the city HQ changes them. */
export const policyPermissions = definePermissions('policy', {
  read: {
    zh: '查看防控方案版本',
    roles: ['city_hq', 'cdc', 'district', 'street', 'community', 'quarantine_site', 'hotline', 'admin'],
  },
  write: { zh: '新增、修改防控方案版本', roles: ['city_hq'], cityOnly: true },
});
