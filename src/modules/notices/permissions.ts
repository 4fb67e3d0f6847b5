import { definePermissions } from '../../kit/permissions';

/**
 * A risk-level notice is the city HQ's decision (市指挥部决定): the HQ drafts it from the planned changes, a second
 * HQ account (or the administrator) reviews it, and it is published for the whole city. The CDC assesses the
 * areas (the risk module's part) but does not issue notices; every account that enforces them reads them.
 */
export const noticesPermissions = definePermissions('notices', {
  read: { zh: '查看风险等级通告', roles: ['city_hq', 'cdc', 'district', 'street', 'community', 'admin'] },
  publish: { zh: '起草、审核、发布风险等级通告', roles: ['city_hq', 'admin'], cityOnly: true },
});
