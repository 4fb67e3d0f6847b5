import type { z } from 'zod';
import { labelPath } from '../kit/labels';
import type { FieldIssue } from './errors';

/**
 * Validation failures said in the user's words: the field by its Chinese label (src/kit/labels.ts) and the
 * check in plain Chinese ("至少 8 个字", "不能为空"), with the machine path kept apart so the console can
 * highlight the field. Both the contracts' issues (zod, at the HTTP boundary) and the services' own field
 * issues (`invalidFields`) pass through here, so no message ever shows "contacts.0.idNumber".
 */

/** A field the caller must correct: `path` as the wire names it, `label` as the form shows it. */
export interface FieldError {
  /** Where the value came from: the body, the query string or the URL. */
  in: 'body' | 'querystring' | 'params';
  /** The path inside it, dot-separated: `contacts.0.idNumber`. */
  path: string;
  /** The labels along the path: `密接第1行 · 身份证号`. */
  label: string;
  zh: string;
  en: string;
}

/** A message written `中文 (English)` (the kit's text type, a contract's own refinement) gives its two parts. */
export const bilingual = (message: string) => {
  const m = /^(.*[\u4e00-\u9fff].*?)\s*\(([^()]*)\)$/.exec(message);
  return m ? { zh: m[1] as string, en: m[2] as string } : undefined;
};

interface IssueParams {
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  format?: string;
}

const sizeZh = (origin: string | undefined, n: number, least: boolean) => {
  if (origin === 'string') return least ? (n <= 1 ? '不能为空' : `至少 ${n} 个字`) : `不能超过 ${n} 个字`;
  if (origin === 'array' || origin === 'set') return least ? `至少填写 ${n} 项` : `最多 ${n} 项`;
  if (origin === 'date') return least ? '日期过早' : '日期过晚';
  return least ? `不能小于 ${n}` : `不能大于 ${n}`;
};

const TYPE_ZH: Record<string, string> = {
  number: '应为数字',
  int: '应为整数',
  string: '应为文字',
  boolean: '应为是或否',
  array: '应为列表',
  object: '格式不正确',
  date: '应为日期',
};

/** The check a zod issue failed, in Chinese. */
export function zhForIssue(code: string | undefined, message: string, p: IssueParams = {}): string {
  const both = bilingual(message);
  if (both) return both.zh;
  switch (code) {
    case 'invalid_type':
      return /received undefined/.test(message) ? '为必填项' : (TYPE_ZH[p.expected ?? ''] ?? '格式不正确');
    case 'too_small':
      return sizeZh(p.origin, Number(p.minimum ?? 1), true);
    case 'too_big':
      return sizeZh(p.origin, Number(p.maximum ?? 0), false);
    case 'invalid_format':
      return p.format === 'date' ? '日期格式应为 年-月-日（如 2022-11-28）' : '格式不正确';
    case 'invalid_value':
    case 'invalid_union':
      return '不是可选的值';
    case 'not_multiple_of':
      return '数值不正确';
    case 'unrecognized_keys':
      return '包含不允许的内容';
    default:
      return '填写有误';
  }
}

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  errors?: ZodIssueLike[][];
}

/**
 * The issue to tell the user. A union that matched no option reports only "no option matched" at the union;
 * the option that failed with the fewest issues says which field of it is wrong (the `at` of a time, the
 * `name` of a place), so its first issue is told instead, at the union's path plus its own.
 */
export function closestIssue(v: { instancePath: string; keyword: string; message?: string; params?: unknown }): {
  path: PropertyKey[];
  code?: string;
  message: string;
  params: IssueParams;
} {
  const base = v.instancePath.replace(/^\//, '');
  let path: PropertyKey[] = base ? base.split('/') : [];
  let issue: ZodIssueLike = { code: v.keyword, message: v.message ?? 'invalid', ...(v.params as object) };
  for (let depth = 0; issue.code === 'invalid_union' && issue.errors?.length && depth < 10; depth++) {
    const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
    const first = best?.[0];
    if (!first) break;
    path = [...path, ...(first.path ?? [])];
    issue = first;
  }
  return { path, code: issue.code, message: issue.message ?? 'invalid', params: issue as IssueParams };
}

/** The part of `zh` that repeats the field's own label goes: "身份证号校验位错误" under 身份证号 reads "校验位错误". */
const withoutLabel = (zh: string, label: string) => {
  const last =
    label
      .split(' · ')
      .at(-1)
      ?.replace(/第\d+行$/, '') ?? '';
  if (!last || !zh.startsWith(last) || zh.length === last.length) return zh;
  return zh.slice(last.length).replace(/^(中的|的)/, '');
};

/** The route's schemas by where a value came from (Fastify's `routeOptions.schema`). */
export type RouteSchemas = Partial<Record<FieldError['in'], z.ZodType>>;

const WHOLE: Record<FieldError['in'], string> = { body: '提交内容', querystring: '查询条件', params: '网址参数' };

/** Labels one issue: the path is looked up in the part it names, or, for a service's issue, the body first. */
export function toFieldError(schemas: RouteSchemas, issue: FieldIssue & { in?: FieldError['in'] }): FieldError {
  const path = issue.field ? issue.field.split('.') : [];
  const order: FieldError['in'][] = issue.in ? [issue.in] : ['body', 'querystring', 'params'];
  let found: { in: FieldError['in']; label: string } | undefined;
  for (const where of order) {
    const label = labelPath(schemas[where], path);
    if (label) {
      found = { in: where, label };
      break;
    }
  }
  const where = found?.in ?? order[0] ?? 'body';
  const label = found?.label || WHOLE[where];
  return { in: where, path: issue.field, label, zh: withoutLabel(issue.zh, label), en: issue.en };
}

/** The one message of a refusal: each field once by its label with what is wrong with it, in both languages. */
export const fieldsMessage = (fields: FieldError[]) => {
  const byLabel = new Map<string, string[]>();
  for (const f of fields) {
    const said = byLabel.get(f.label) ?? [];
    if (!said.includes(f.zh)) said.push(f.zh);
    byLabel.set(f.label, said);
  }
  return {
    zh: [...byLabel].map(([label, zh]) => `${label}：${zh.join('，')}`).join('；'),
    en: `Invalid input: ${fields.map((f) => `${f.path || f.in} ${f.en}`).join('; ')}`,
  };
};
