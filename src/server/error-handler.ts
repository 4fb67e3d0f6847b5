import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue, invalidFields } from './errors';

/** A message written `中文 (English)` (the kit's text type, a contract's own refinement) gives its two parts. */
const bilingual = (message: string) => {
  const m = /^(.*[\u4e00-\u9fff].*?)\s*\(([^()]*)\)$/.exec(message);
  return m ? { zh: m[1] as string, en: m[2] as string } : undefined;
};

const zhForZod = (code: string | undefined, message: string): string => {
  const both = bilingual(message);
  if (both) return both.zh;
  switch (code) {
    case 'invalid_type':
      return message.includes('received undefined') ? '为必填项' : '类型不正确';
    case 'too_small':
      return '过短或过小';
    case 'too_big':
      return '过长或过大';
    case 'invalid_format':
    case 'invalid_string':
      return '格式不正确';
    case 'invalid_value':
    case 'invalid_enum_value':
      return '取值不在允许范围内';
    case 'unrecognized_keys':
      return '包含不允许的字段';
    default:
      return '无效';
  }
};

/** PostgreSQL's codes for text it cannot store: NUL or invalid UTF-8 (22021), a lone surrogate in jsonb (22P05). */
const UNSTORABLE = new Set(['22021', '22P05']);

/** The one place errors become HTTP answers: 4xx with both languages for anything the caller did, never SQL text. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let e: AppError;
    if (error instanceof AppError) e = error;
    else if (hasZodFastifySchemaValidationErrors(error)) {
      const issues: FieldIssue[] = error.validation.map((v) => {
        const where = (error as FastifyError).validationContext ?? 'body';
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const field = path ? `${where}.${path}` : where;
        const params = v.params as { issue?: { code?: string } } | undefined;
        const message = v.message ?? 'invalid';
        return { field, zh: zhForZod(params?.issue?.code ?? v.keyword, message), en: bilingual(message)?.en ?? message };
      });
      e = invalidFields(issues);
    } else if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response does not match its contract');
      e = new AppError(500, 'internal', '服务器内部错误', 'Internal server error');
    } else if (UNSTORABLE.has((error as { code?: string }).code ?? '')) {
      // A backstop behind the contracts' text type: text PostgreSQL cannot store is the caller's input, not our fault.
      request.log.warn({ err: error }, 'input the database cannot store');
      e = new AppError(400, 'bad_request', '输入含有无法保存的字符', 'Input holds characters that cannot be stored');
    } else if (error.statusCode && error.statusCode < 500) {
      e = new AppError(
        error.statusCode,
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large' : 'bad_request',
        error.statusCode === 413 ? '上传内容过大' : '请求格式不正确',
        error.message,
      );
    } else {
      request.log.error({ err: error }, 'unhandled error');
      e = new AppError(500, 'internal', '服务器内部错误', 'Internal server error');
    }
    if (e.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(e.retryAfter))));
    reply.status(e.status).send({
      error: { code: e.code, message: e.zh, messageEn: e.en, details: e.details, requestId: request.id },
    });
  });
}
