import { defineModule } from '../../kit/module';
import { registerBulletins } from './bulletin/routes';
import { registerCases } from './cases/routes';
import { registerChannels } from './channels/routes';
import { registerClusters } from './clusters/routes';
import { registerContacts } from './contacts/routes';
import './events';
import { surveillanceOverview } from './overview/service';
import {
  bulletinsPermissions,
  casesPermissions,
  channelsPermissions,
  clustersPermissions,
  contactsPermissions,
  placeTasksPermissions,
  remindersPermissions,
} from './permissions';
import { registerPlaceTasks } from './places/routes';
import { registerReminders } from './reminder/routes';

export const surveillanceModule = defineModule({
  name: 'surveillance',
  label: '流调溯源与疫情通报',
  tables: [
    'positives',
    'positive_links',
    'trajectory_entries',
    'place_tasks',
    'contacts',
    'clusters',
    'cluster_members',
    'detection_channels',
    'bulletins',
    'reminders',
  ],
  permissions: [
    casesPermissions,
    contactsPermissions,
    clustersPermissions,
    bulletinsPermissions,
    remindersPermissions,
    channelsPermissions,
    placeTasksPermissions,
  ],
  menu: [
    { path: '/cases', label: '病例', icon: 'AlertOutlined', permission: casesPermissions.names.read },
    { path: '/contacts', label: '密接', icon: 'NodeIndexOutlined', permission: contactsPermissions.names.read },
    { path: '/clusters', label: '聚集性疫情', icon: 'ClusterOutlined', permission: clustersPermissions.names.read },
    { path: '/bulletin', label: '疫情通报', icon: 'FileTextOutlined', permission: bulletinsPermissions.names.read },
    { path: '/reminder', label: '紧急提醒', icon: 'BellOutlined', permission: remindersPermissions.names.read },
    { path: '/channels', label: '发现途径', icon: 'UnorderedListOutlined', permission: channelsPermissions.names.read },
    { path: '/place-tasks', label: '场所处置', icon: 'SafetyOutlined', permission: placeTasksPermissions.names.read },
  ],
  auditActions: {
    'positive.create': '登记病例',
    'positive.export': '导出病例表',
    'positive.reclassify': '无症状转确诊',
    'positive.trajectory': '更新活动轨迹',
    'positive.account': '更新流调信息',
    'positive.read': '查看病例（关联居民）',
    'contact.create': '登记密接',
    'contact.status': '修改密接状态',
    'bulletin.draft': '起草疫情通报',
    'bulletin.submit': '提交疫情通报审核',
    'bulletin.approve': '审核通过疫情通报',
    'bulletin.reject': '退回疫情通报',
    'bulletin.publish': '发布疫情通报',
    'reminder.draft': '起草紧急提醒',
    'reminder.submit': '提交紧急提醒审核',
    'reminder.approve': '审核通过紧急提醒',
    'reminder.reject': '退回紧急提醒',
    'reminder.publish': '发布紧急提醒',
    'cluster.create': '登记聚集性疫情',
    'channel.create': '新增发现途径',
    'channel.update': '修改发现途径',
    'place_task.done': '完成场所处置',
  },
  overview: surveillanceOverview,
  /** One registration per capability; each sub-folder's routes build their context from the request. */
  routes(app) {
    registerCases(app);
    registerContacts(app);
    registerClusters(app);
    registerPlaceTasks(app);
    registerChannels(app);
    registerBulletins(app);
    registerReminders(app);
  },
});
