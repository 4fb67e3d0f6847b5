/** Chinese names of the surveillance codes. */
import { SEVERITIES } from '../../../../src/modules/surveillance/bulletin/document';
import { MEASURE_NAMES, STATUS_NAMES } from '../../../../src/modules/surveillance/contacts/rules';

export const KIND_LABELS: Record<string, string> = { confirmed: '确诊病例', asymptomatic: '无症状感染者' };
export const SEVERITY_LABELS: Record<string, string> = SEVERITIES;
export const CONTACT_KIND_LABELS: Record<string, string> = { close: '密切接触者', secondary: '密接的密接' };
export const CONTACT_STATUS_LABELS: Record<string, string> = STATUS_NAMES;
export const CONTROL_MEASURE_LABELS: Record<string, string> = MEASURE_NAMES;
/** A status's colour: what still needs doing stands out. */
export const CONTACT_STATUS_COLORS: Record<string, string> = {
  pending: 'red',
  located: 'orange',
  controlled: 'blue',
  released: 'green',
};

/** 确诊病例(轻型)3, 无症状感染者5: a case as the bulletins name it. */
export const caseName = (p: { kind: string; number: number; severity: string | null }) =>
  p.kind === 'confirmed'
    ? `确诊病例${p.severity ? `(${SEVERITY_LABELS[p.severity]})` : ''}${p.number}`
    : `无症状感染者${p.number}`;
