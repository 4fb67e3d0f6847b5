import { definePermissions } from '../../kit/permissions';
import { ALL_ROLES } from '../../kit/roles';

/** Every account browses the territory tree of its own scope. */
export const territoryPermissions = definePermissions('territory', {
  read: { zh: '浏览辖区', roles: ALL_ROLES },
});
