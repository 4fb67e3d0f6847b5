/** Word lists for plausible synthetic names. Nothing here is a real person. */
export const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段'.split(
    '',
  );
export const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏辉玲桂芳丹红梅健文云峰建国建华志强海燕雪梅晓光海川凡辉剑波海峰宇欣怡子涵浩然梓萱一诺雨桐俊熙'.split(
    '',
  );
export const PLACE_WORDS = [
  '和平',
  '建国',
  '新华',
  '红旗',
  '光华',
  '兴业',
  '民主',
  '友谊',
  '胜利',
  '长江',
  '黄河',
  '松花',
  '太平',
  '安康',
  '永和',
  '宏伟',
  '东风',
  '朝阳',
  '富强',
  '文化',
  '宇光',
  '平盛',
  '万米',
  '碧桂',
  '丽江',
  '金河',
  '绿洲',
  '通达',
  '先锋',
  '新春',
  '学府',
  '哈西',
  '群力',
  '安和',
  '景阳',
  '兆麟',
  '尚志',
  '工农',
  '公滨',
  '保国',
];
export const COMPOUND_SUFFIX = ['小区', '花园', '家园', '新城', '嘉园', '雅苑'];
export const PLACES: { kind: string; name: string }[] = [
  { kind: 'shop', name: '便民超市' },
  { kind: 'bank', name: '银行网点' },
  { kind: 'restaurant', name: '饺子馆' },
  { kind: 'school', name: '小学' },
  { kind: 'market', name: '农贸市场' },
];
