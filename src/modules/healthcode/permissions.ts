import { definePermissions } from '../../kit/permissions';

/**
 * The health code and venue codes. Communities, streets, districts and the 12345 hotline look a person's code up
 * (by ID number: a caller unsure of their community); the community's 健康码管理员 corrects a colour after seeing
 * the test record; a second person of the CDC approves a correction to red or of more than ten people; the CDC
 * records the facts only it knows (refused investigation, fever at a clinic) and reads space-time companions;
 * communities register venues; staff at checkpoints scan people's codes.
 */
export const healthcodePermissions = definePermissions('healthcode', {
  read: {
    zh: '查询健康码（赋码原因、检测记录）',
    roles: ['city_hq', 'cdc', 'district', 'street', 'community', 'hotline', 'admin'],
  },
  correct: { zh: '更正健康码（健康码管理员）', roles: ['cdc', 'district', 'street', 'community', 'admin'] },
  approve: { zh: '审核赋红码与批量更正（疾控双人复核）', roles: ['cdc', 'admin'] },
  facts: { zh: '登记拒不配合流调、发热就诊等赋码事实', roles: ['cdc', 'admin'] },
  venues: { zh: '登记场所、打印场所码', roles: ['district', 'street', 'community', 'admin'] },
  scan: { zh: '场所扫码核验（查验健康码与核酸结果）', roles: ['sampler', 'volunteer', 'inspector', 'community', 'admin'] },
  companions: { zh: '时空伴随排查', roles: ['cdc', 'admin'] },
});
