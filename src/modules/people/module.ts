import { defineModule } from '../../kit/module';
import { peoplePermissions } from './permissions';
import { registerPeople } from './routes';
import { peopleService } from './service';

export const peopleModule = defineModule({
  name: 'people',
  label: '人口',
  permissions: [peoplePermissions],
  menu: [
    { path: '/people', label: '居民台账', icon: 'TeamOutlined', permission: peoplePermissions.names.read },
    { path: '/vulnerable', label: '特殊人群台账', icon: 'UserOutlined', permission: peoplePermissions.names.read },
  ],
  auditActions: {
    'person.read_unmasked': '查看居民完整信息',
    'person.export_unmasked': '导出居民完整信息',
    'person.import': '导入居民台账',
  },
  routes(app, { kit }) {
    registerPeople(app, peopleService({ pool: kit.pool, clock: kit.clock }));
  },
});
