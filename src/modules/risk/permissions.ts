import { definePermissions } from '../../kit/permissions';

/**
 * Areas are drawn and their changes planned by the city HQ and the district HQs; a change takes effect only when
 * published (by a notice, or by the city HQ directly), and lowering proposals are confirmed by the city HQ.
 */
export const riskPermissions = definePermissions('risk', {
  read: { zh: '查看风险区域与管控区域', roles: ['city_hq', 'cdc', 'district', 'street', 'community', 'admin'] },
  write: { zh: '划定风险区域，拟定等级调整，登记区域核酸结果', roles: ['city_hq', 'district', 'admin'] },
  publish: { zh: '发布风险等级调整，确认降级建议', roles: ['city_hq', 'admin'], cityOnly: true },
});
