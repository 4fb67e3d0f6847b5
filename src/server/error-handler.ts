import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue, invalidFields } from './errors';
import { bilingual, closestIssue, fieldsMessage, type RouteSchemas, toFieldError, zhForIssue } from './field-messages';

/** PostgreSQL's codes for text it cannot store: NUL or invalid UTF-8 (22021), a lone surrogate in jsonb (22P05). */
const UNSTORABLE = new Set(['22021', '22P05']);

/** The one place errors become HTTP answers: 4xx with both languages for anything the caller did, never SQL text. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let e: AppError;
    if (error instanceof AppError) e = error;
    else if (hasZodFastifySchemaValidationErrors(error)) {
      const where = ((error as FastifyError).validationContext ?? 'body') as FieldIssue['in'];
      const issues: FieldIssue[] = error.validation.map((v) => {
        const { path, code, message, params } = closestIssue(v);
        const field = path.join('.');
        const zh = zhForIssue(code, message, params);
        return { field, in: where, zh, en: bilingual(message)?.en ?? message };
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
    let details = e.details;
    if (e.fieldIssues) {
      const fields = e.fieldIssues.map((i) => toFieldError((request.routeOptions.schema ?? {}) as RouteSchemas, i));
      const message = fieldsMessage(fields);
      e = new AppError(e.status, e.code, message.zh, message.en);
      details = { fields };
    }
    if (e.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(e.retryAfter))));
    reply.status(e.status).send({
      error: { code: e.code, message: e.zh, messageEn: e.en, details, requestId: request.id },
    });
  });
}
