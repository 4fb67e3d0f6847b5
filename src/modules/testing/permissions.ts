import { definePermissions } from '../../kit/permissions';

/**
 * Mass testing: the HQs organise rounds and points, communities announce time slots and exemptions, samplers and
 * the volunteers who register scans sample, labs receive tubes and report results, and the CDC and the HQs follow
 * coverage and the retests of positive pools.
 */
export const testingPermissions = definePermissions('testing', {
  read: {
    zh: '查看核酸检测轮次、覆盖与漏检名单',
    roles: ['city_hq', 'cdc', 'district', 'street', 'community', 'admin'],
  },
  plan: { zh: '组织检测轮次，设置采样点与时段，登记免检', roles: ['city_hq', 'district', 'street', 'community', 'admin'] },
  planner: { zh: '设定采样点与采样人员测算参数', roles: ['city_hq', 'admin'], cityOnly: true },
  sample: { zh: '采样登记（扫管、扫码）', roles: ['sampler', 'volunteer', 'community', 'admin'] },
  lab: { zh: '接收样本交接，上传检测结果', roles: ['lab', 'admin'] },
  retest: { zh: '处置混管阳性与单管复核', roles: ['cdc', 'district', 'street', 'community', 'admin'] },
});
