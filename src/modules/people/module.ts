import { defineModule } from '../../kit/module';
import './events';
import { peopleOverview } from './overview';
import { peoplePermissions } from './permissions';
import { registerPeople } from './routes';

export const peopleModule = defineModule({
  name: 'people',
  label: '人口',
  tables: ['people', 'territory_rollup'],
  permissions: [peoplePermissions],
  menu: [
    { path: '/people', label: '居民台账', icon: 'TeamOutlined', permission: peoplePermissions.names.read },
    { path: '/vulnerable', label: '特殊人群台账', icon: 'UserOutlined', permission: peoplePermissions.names.read },
  ],
  auditActions: {
    'person.read_unmasked': '查看居民完整信息',
    // Written before releases were audited as person.read_unmasked (via export); kept to label those rows.
    'person.export_unmasked': '导出居民完整信息',
    'person.import': '导入居民台账',
    'import.refused': '导入被拒绝（未写入）',
    'person.search_id': '按身份证号查找居民',
    'person.export': '导出居民台账',
  },
  overview: peopleOverview,
  routes(app) {
    registerPeople(app);
  },
});
