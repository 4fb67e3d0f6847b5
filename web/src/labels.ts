/** Chinese labels for the codes the API speaks: the server's own tables, and the console's additions. */
import { ROLES } from '../../src/kit/roles';
import { peoplePermissions } from '../../src/modules/people/permissions';
import { VULNERABLE_TAGS } from '../../src/modules/people/rules';
import { casesPermissions, placeTasksPermissions } from '../../src/modules/surveillance/permissions';
import { NODE_TYPES } from '../../src/modules/territory/rules';

export const ROLE_LABELS: Record<string, string> = ROLES;
export const NODE_LABELS: Record<string, string> = NODE_TYPES;
export const TAG_LABELS: Record<string, string> = VULNERABLE_TAGS;

export const ACTION_LABELS: Record<string, string> = {
  'person.read_unmasked': '查看居民完整信息',
  'person.export_unmasked': '导出居民完整信息',
  'person.import': '导入居民台账',
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'user.create': '新建账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'token.create': '创建设备令牌',
  'positive.create': '登记病例',
  'positive.export': '导出病例表',
  'positive.reclassify': '无症状转确诊',
  'positive.trajectory': '更新活动轨迹',
  'contact.create': '登记密接',
  'bulletin.publish': '发布疫情通报',
  'reminder.publish': '发布紧急提醒',
  'cluster.create': '登记聚集性疫情',
  'channel.create': '新增发现途径',
  'channel.update': '修改发现途径',
  'place_task.done': '完成场所处置',
  'positive.read': '查看病例（关联居民）',
};

/** People's records are for these roles; the menu hides what a role cannot open. */
export const PEOPLE_ROLES: readonly string[] = peoplePermissions.defs.get(peoplePermissions.names.read)?.roles ?? [];

/** Investigation pages are for these roles. */
export const SURVEILLANCE_ROLES: readonly string[] = casesPermissions.defs.get(casesPermissions.names.read)?.roles ?? [];

/** The places' disinfection and closure tasks are for the territory's workers too. */
export const PLACE_TASK_ROLES: readonly string[] = placeTasksPermissions.defs.get(placeTasksPermissions.names.read)?.roles ?? [];
