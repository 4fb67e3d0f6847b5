import type { Permission } from '../../kit/permissions';
import {
  bulletinsPermissions as B,
  casesPermissions as C,
  channelsPermissions as Ch,
  clustersPermissions as Cl,
  contactsPermissions as K,
  remindersPermissions as R,
  placeTasksPermissions as T,
} from './permissions';

const at = (permission: Permission, scope: 'territory' | 'city' = 'territory') => ({ access: { permission, scope } });

/**
 * The route configs of the surveillance module: readers see records in their territory, writers (CDC) enter
 * them there, and publishing what the whole city reads (bulletins, reminders, the channel list) needs a
 * city-wide account.
 */
export const surveillanceAccess = {
  casesRead: at(C.names.read),
  casesWrite: at(C.names.write),
  contactsRead: at(K.names.read),
  contactsWrite: at(K.names.write),
  clustersRead: at(Cl.names.read),
  clustersWrite: at(Cl.names.write),
  bulletinsRead: at(B.names.read),
  bulletinsPublish: at(B.names.publish, 'city'),
  remindersRead: at(R.names.read),
  remindersPublish: at(R.names.publish, 'city'),
  channelsRead: at(Ch.names.read),
  channelsWrite: at(Ch.names.write, 'city'),
  placeTasksRead: at(T.names.read),
  placeTasksWrite: at(T.names.write),
};
