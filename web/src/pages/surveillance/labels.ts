/** Chinese names of the surveillance codes. */
import { SEVERITIES } from '../../../../src/modules/surveillance/bulletin/document';

export const KIND_LABELS: Record<string, string> = { confirmed: '确诊病例', asymptomatic: '无症状感染者' };
export const SEVERITY_LABELS: Record<string, string> = SEVERITIES;
export const CONTACT_KIND_LABELS: Record<string, string> = { close: '密切接触者', secondary: '密接的密接' };
export const CONTACT_STATUS_LABELS: Record<string, string> = {
  located: '已排查',
  controlled: '已管控',
  tested: '已检测',
  released: '已解除',
};

/** 确诊病例(轻型)3, 无症状感染者5: a case as the bulletins name it. */
export const caseName = (p: { kind: string; number: number; severity: string | null }) =>
  p.kind === 'confirmed'
    ? `确诊病例${p.severity ? `(${SEVERITY_LABELS[p.severity]})` : ''}${p.number}`
    : `无症状感染者${p.number}`;
