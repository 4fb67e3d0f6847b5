import { definePermissions } from '../../kit/permissions';

export const peoplePermissions = definePermissions('people', {
  read: { zh: '查看居民台账', roles: ['city_hq', 'cdc', 'district', 'street', 'community', 'admin'] },
  write: { zh: '导入、修改居民台账', roles: ['district', 'street', 'community', 'admin'] },
  /**
   * Full ID numbers and phones: for those who must call or identify a person (CDC investigators, and the
   * community's own workers, who correct health codes on seeing the ID). Every release is audited.
   */
  reveal: { zh: '查看完整身份证号和电话', roles: ['cdc', 'community', 'admin'] },
});
