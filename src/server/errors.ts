/**
 * The one error type of the platform. `code` is stable and doubles as an i18n key; every message exists in
 * Chinese and English, and `status` is what the HTTP error handler answers. Nothing else may produce a 4xx.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(en);
    this.name = 'AppError';
  }

  /** For a 429: seconds until trying again makes sense, sent as `Retry-After`. */
  retryAfter?: number;

  /** For a refused input: its fields, which the HTTP error handler labels (src/server/field-messages.ts). */
  fieldIssues?: FieldIssue[];
}

export const badRequest = (code: string, zh: string, en: string, details?: unknown) => new AppError(400, code, zh, en, details);
export const unauthorized = () => new AppError(401, 'auth.required', '请先登录', 'Login required');
export const forbidden = (zh = '无权执行此操作', en = 'Not allowed') => new AppError(403, 'auth.forbidden', zh, en);
export const notFound = (what: string, whatZh: string) =>
  new AppError(404, 'not_found', `${whatZh}不存在或不在您的辖区内`, `${what} not found`);
export const conflict = (code: string, zh: string, en: string) => new AppError(409, code, zh, en);
export const tooMany = (zh: string, en: string, retryAfterSeconds: number, code = 'auth.throttled') => {
  const e = new AppError(429, code, zh, en);
  e.retryAfter = retryAfterSeconds;
  return e;
};

/**
 * A field-level validation failure, in both languages. `field` is the path as the wire names it
 * (`contacts.0.idNumber`); the HTTP answer says it with the contract's labels ("密接第1行 · 身份证号").
 */
export interface FieldIssue {
  field: string;
  zh: string;
  en: string;
  /** Where the value came from, when not the body (a query string's field). */
  in?: 'body' | 'querystring' | 'params';
}

/**
 * A refusal naming fields. The message here (paths, for the CLI and logs) is replaced at the HTTP boundary by
 * the labelled one, with `details.fields` for the console to highlight.
 */
export const invalidFields = (issues: FieldIssue[]) => {
  const e = badRequest(
    'validation',
    `输入有误：${issues.map((i) => `${i.field} ${i.zh}`).join('；')}`,
    `Invalid input: ${issues.map((i) => `${i.field} ${i.en}`).join('; ')}`,
  );
  e.fieldIssues = issues;
  return e;
};
