import { describe, expect, it } from 'vitest';
import { type AuditFacts, auditSentence } from '../../kit/audit-sentences';
import { surveillanceAuditActions as actions } from './audit-actions';

const row = (r: Partial<AuditFacts>): AuditFacts => ({
  target: null,
  detail: {},
  personName: null,
  personNames: [],
  personCount: 0,
  ...r,
});
const say = (action: string, r: Partial<AuditFacts>) => auditSentence(actions, action, row(r));

describe('surveillance audit rows as sentences', () => {
  it('names positives as the bulletins do, not by their codes', () => {
    expect(say('positive.create', { target: '2022-11-28 confirmed 42', personName: '张某某' })).toBe(
      '登记2022年11月28日确诊病例42，关联居民 张某某',
    );
    expect(say('positive.create', { target: '2022-11-28 asymptomatic 2' })).toBe('登记2022年11月28日无症状感染者2');
    expect(say('positive.reclassify', { target: '17' })).toBe('将编号 17 的病例由无症状感染者转为确诊病例');
    expect(say('positive.export', { detail: { date: '2022-11-28', rows: 1200 } })).toBe('导出病例表 1,200 行（2022年11月28日）');
    expect(say('positive.read', { target: '17', personName: '李某' })).toBe('查看编号 17 的病例，关联居民 李某');
  });

  it('says a publication by its day, window and version, and what a published bulletin announced', () => {
    expect(say('bulletin.publish', { target: '2022-11-28 0-24 v1', detail: { confirmed: 42, asymptomatic: 2 } })).toBe(
      '发布疫情通报：2022年11月28日0—24时（第1版），确诊病例42例、无症状感染者2例',
    );
    expect(say('bulletin.submit', { target: '2022-11-28 0-24 #17' })).toBe('提交疫情通报审核：2022年11月28日0—24时（草稿17）');
    expect(say('reminder.publish', { target: '2022-11-02 v3', detail: { edited: true } })).toBe(
      '发布紧急提醒：2022年11月2日（第3版），正文经人工修改',
    );
  });

  it('says contacts, channels, clusters and place tasks in Chinese', () => {
    expect(say('contact.create', { detail: { rows: 12, inserted: 10 } })).toBe('登记密接 12 人（新增 10 人，其余已登记）');
    expect(say('contact.status', { target: 'contact:5', detail: { status: 'controlled' } })).toBe('将编号 5 的密接改为“已管控”');
    expect(say('channel.update', { target: '社区筛查发现', detail: { active: false } })).toBe('修改发现途径“社区筛查发现”：停用');
    expect(say('channel.create', { target: '社区筛查发现', detail: { period: '2022' } })).toBe(
      '新增发现途径“社区筛查发现”（2022）',
    );
    expect(say('cluster.create', { target: '光华超市聚集' })).toBe('登记聚集性疫情“光华超市聚集”');
    expect(say('place_task.done', { target: '光华便民超市 disinfection' })).toBe('完成场所处置：光华便民超市 终末消毒');
  });
});
