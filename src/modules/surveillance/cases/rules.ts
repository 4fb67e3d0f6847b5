import { SEVERITIES, type Severity } from '../bulletin/document';
import type { PositiveRecord } from './records';

const KIND_NAMES: Record<string, string> = { confirmed: '确诊病例', asymptomatic: '无症状感染者' };

/** The columns of the case list (病例表) as the CDC exchanges it. */
export const CASE_COLUMNS = [
  '通报时间',
  '类型',
  '临床分型',
  '编号',
  '来源',
  '区县',
  '发现途径',
  '现住址',
  '来源地',
  '关系',
  '定点医院',
  '备注',
].map((header) => ({ header, width: header === '现住址' ? 32 : 14 }));

/** One positive as a row of the case list. */
export const caseRow = (p: PositiveRecord): string[] => [
  `${p.reportDate} ${p.reportHour}时`,
  KIND_NAMES[p.kind] ?? p.kind,
  p.kind === 'confirmed' && p.severity ? SEVERITIES[p.severity as Severity] : '',
  String(p.number),
  p.source === 'local' ? '本土' : '境外输入',
  p.district,
  p.channel,
  p.residence ?? '',
  p.origin ?? '',
  p.relationships ?? '',
  p.transferredTo ?? '',
  p.reclassified ? '无症状感染者转为确诊病例' : '',
];
