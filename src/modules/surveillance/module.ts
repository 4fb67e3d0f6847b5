import { defineModule } from '../../kit/module';
import { registerBulletins } from './bulletin/routes';
import { registerCases } from './cases/routes';
import { registerChannels } from './channels/routes';
import { registerClusters } from './clusters/routes';
import { registerContacts } from './contacts/routes';
import './events';
import { surveillanceAuditActions } from './audit-actions';
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
  auditActions: surveillanceAuditActions,
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
