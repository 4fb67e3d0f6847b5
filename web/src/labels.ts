/** Chinese labels for the codes the API speaks. */
export const ROLE_LABELS: Record<string, string> = {
  city_hq: '市指挥部',
  cdc: '疾控',
  district: '区/县',
  street: '街道',
  community: '社区',
  sampler: '采样/扫码员',
  lab: '检测机构',
  quarantine_site: '隔离点',
  supplier: '保供单位',
  hotline: '12345坐席',
  inspector: '督查',
  volunteer: '志愿者',
  admin: '系统管理员',
};

export const NODE_LABELS: Record<string, string> = {
  city: '市',
  district: '区',
  county: '县',
  county_city: '县级市',
  street: '街道',
  town: '乡镇',
  community: '社区',
  village: '村屯',
  compound: '小区',
  building: '楼栋',
  unit: '单元',
  household: '户',
  place: '场所',
};

export const TAG_LABELS: Record<string, string> = {
  living_alone: '独居老人',
  disabled: '残疾',
  bedridden: '卧床',
  pregnant: '孕产妇',
  critically_ill: '危重病人',
  dialysis: '透析',
  limited_mobility: '行动不便',
};

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
  'positive.reclassify': '无症状转确诊',
  'positive.trajectory': '更新活动轨迹',
  'contact.create': '登记密接',
  'bulletin.publish': '发布疫情通报',
};

/** People's records are for these roles; the menu hides what a role cannot open. */
export const PEOPLE_ROLES = ['city_hq', 'cdc', 'district', 'street', 'community', 'admin'];

/** Investigation pages are for these roles. */
export const SURVEILLANCE_ROLES = ['cdc', 'city_hq', 'district', 'admin'];
