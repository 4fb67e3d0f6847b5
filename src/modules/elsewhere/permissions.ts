import { definePermissions } from '../../kit/permissions';

/**
 * Other cities' risk areas are one registry for the whole city: the CDC and headquarters keep it (importing
 * other cities' feeds, entering what a notice says); everyone who answers a returning traveller reads it.
 */
export const elsewherePermissions = definePermissions('elsewhere', {
  read: { zh: '查看外地中高风险地区、核对报备', roles: ['cdc', 'city_hq', 'district', 'street', 'community', 'admin'] },
  write: { zh: '导入、登记外地中高风险地区', roles: ['cdc', 'city_hq', 'admin'], cityOnly: true },
});
