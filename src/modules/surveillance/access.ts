import { PLACE_TASK_READERS, PLACE_TASK_WRITERS, SURVEILLANCE_READERS, SURVEILLANCE_WRITERS } from '../auth/rules';

/**
 * The route configs of the surveillance module: readers see records in their territory, writers (CDC) enter
 * them there, and publishing what the whole city reads (bulletins, reminders, the channel list) needs a
 * city-wide account.
 */
export const surveillanceAccess = {
  read: { access: { roles: SURVEILLANCE_READERS, scope: 'territory' as const } },
  write: { access: { roles: SURVEILLANCE_WRITERS, scope: 'territory' as const } },
  cityWrite: { access: { roles: SURVEILLANCE_WRITERS, scope: 'city' as const } },
  placeTaskRead: { access: { roles: PLACE_TASK_READERS, scope: 'territory' as const } },
  placeTaskWrite: { access: { roles: PLACE_TASK_WRITERS, scope: 'territory' as const } },
};
