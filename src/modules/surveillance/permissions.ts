import { definePermissions, type Permission } from '../../kit/permissions';
import type { Role } from '../../kit/roles';

/** Investigation is the CDC's; headquarters and districts read it. */
const READERS: readonly Role[] = ['cdc', 'city_hq', 'district', 'admin'];
const WRITERS: readonly Role[] = ['cdc', 'admin'];

export const casesPermissions = definePermissions('cases', {
  read: { zh: '查看病例', roles: READERS },
  write: { zh: '登记、修改病例与活动轨迹', roles: WRITERS },
});
export const contactsPermissions = definePermissions('contacts', {
  read: { zh: '查看密接', roles: READERS },
  write: { zh: '登记、导入密接，修改状态', roles: WRITERS },
});
export const clustersPermissions = definePermissions('clusters', {
  read: { zh: '查看聚集性疫情', roles: READERS },
  write: { zh: '登记聚集性疫情', roles: WRITERS },
});
export const bulletinsPermissions = definePermissions('bulletins', {
  read: { zh: '预览、查看疫情通报', roles: READERS },
  publish: { zh: '起草、审核、发布疫情通报', roles: WRITERS, cityOnly: true },
});
export const remindersPermissions = definePermissions('reminders', {
  read: { zh: '预览、查看紧急提醒', roles: READERS },
  publish: { zh: '起草、审核、发布紧急提醒', roles: WRITERS, cityOnly: true },
});
export const channelsPermissions = definePermissions('channels', {
  read: { zh: '查看发现途径', roles: READERS },
  write: { zh: '维护发现途径', roles: WRITERS, cityOnly: true },
});
/** The places a case visited are disinfected and closed by their district, street and community. */
export const placeTasksPermissions = definePermissions('place_tasks', {
  read: { zh: '查看场所处置任务', roles: ['cdc', 'city_hq', 'district', 'street', 'community', 'admin'] },
  write: { zh: '完成场所处置任务', roles: ['cdc', 'district', 'street', 'community', 'admin'] },
});

/**
 * A route's access config: readers see records in their territory, writers (CDC) enter them there, and
 * publishing what the whole city reads (bulletins, reminders, the channel list) needs a city-wide account.
 */
export const at = (permission: Permission, scope: 'territory' | 'city' = 'territory') => ({ access: { permission, scope } });
