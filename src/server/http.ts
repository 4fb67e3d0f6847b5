import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, badRequest } from './errors';

/** Sends a download under a UTF-8 file name (Chinese names survive every browser). */
export function sendAttachment(reply: FastifyReply, filename: string, contentType: string, body: Buffer | string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What @fastify/multipart lets a file be (app.ts registers it with this limit). */
export const UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

/**
 * The one uploaded file of a multipart request (field "file"), or a 4xx saying what is wrong in both languages:
 * no file, a file past `UPLOAD_MAX_BYTES`, or a body cut off before the file ended (never a 500).
 */
export async function uploadedFile(req: FastifyRequest): Promise<Buffer> {
  const file = await req.file().catch(() => undefined);
  if (!file) throw badRequest('import.no_file', '请选择要上传的 .xlsx 文件', 'Upload an .xlsx file in field "file"');
  try {
    return await file.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError(
        413,
        'import.file_too_large',
        `文件超过${UPLOAD_MAX_BYTES / 1024 / 1024} MB的上限`,
        `The file is larger than ${UPLOAD_MAX_BYTES / 1024 / 1024} MB (the limit)`,
      );
    throw badRequest('import.truncated', '上传的文件不完整，请重新上传', 'The upload ended before the file did; upload it again');
  }
}

/** The query of a paginated list: 1-based page, at most 200 rows a page. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).meta({ label: '页码' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).meta({ label: '每页条数' }).default(50),
};
