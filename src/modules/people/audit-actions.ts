import { type AuditAction, type AuditFacts, countZh, whom } from '../../kit/audit-sentences';
import { VULNERABLE_TAGS } from './rules';

const LEDGERS: Record<string, string> = { residents: '居民台账', contacts: '密接名单' };
const VIA: Record<string, string> = { list: '在居民列表中', detail: '在居民详情中', export: '导出时', contacts: '在密接列表中' };

/** 查看居民 张某某 的完整身份证号和电话; a row of contacts names how many were shown. */
const released = (r: AuditFacts) => {
  const via = VIA[String(r.detail.via)] ?? '';
  const refs = Array.isArray(r.detail.refs) ? r.detail.refs.length : 0;
  const who = whom(r) || (refs ? `${countZh(refs)}人` : '');
  return `${via}查看 ${who} 的完整身份证号和电话`;
};

/** The residents' audit actions and how their rows read. */
export const peopleAuditActions = {
  'person.read_unmasked': { label: '查看居民完整信息', sentence: released },
  // Written before releases were audited as person.read_unmasked (via export); kept to label those rows.
  'person.export_unmasked': { label: '导出居民完整信息', sentence: (r) => `导出 ${whom(r)} 的完整信息` },
  'person.import': { label: '导入居民台账', sentence: (r) => `导入居民台账 ${countZh(r.personCount)} 人` },
  'import.refused': {
    label: '导入被拒绝（未写入）',
    sentence: (r) =>
      `导入${LEDGERS[String(r.detail.kind)] ?? '台账'}被拒绝：${countZh(r.detail.problems)} 处错误，未写入任何数据`,
  },
  'person.search_id': {
    label: '按身份证号查找居民',
    sentence: (r) => `按身份证号查找居民${r.detail.refused ? '，已超出当日次数，被拒绝' : ''}`,
  },
  'person.export': {
    label: '导出居民台账',
    sentence: (r) => {
      const tag = r.detail.tag ? (VULNERABLE_TAGS as Record<string, string>)[String(r.detail.tag)] : undefined;
      const what = r.detail.tag ? `特殊人群${tag ? `（${tag}）` : ''}名单` : '居民名单';
      return `导出${what} ${countZh(r.detail.rows)} 人${r.detail.area ? `（${r.detail.area}）` : ''}`;
    },
  },
  'person.create': { label: '新增居民', sentence: (r) => `新增居民 ${whom(r)}` },
  'person.update': {
    label: '修改居民信息',
    sentence: (r) => {
      const names: Record<string, string> = {
        name: '姓名',
        phone: '手机号',
        tags: '人群标签',
        keyGroup: '重点人群',
        registeredAddress: '户籍地址',
      };
      const fields = Array.isArray(r.detail.fields) ? r.detail.fields.map((f) => names[String(f)] ?? '其他').join('、') : '';
      return `修改居民 ${whom(r)} 的${fields || '信息'}`;
    },
  },
  'person.move': { label: '居民迁居', sentence: (r) => `将居民 ${whom(r)} 迁至另一住户` },
} satisfies Record<string, AuditAction>;
