import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest } from './errors';

/** Sends a download under a UTF-8 file name (Chinese names survive every browser). */
export function sendAttachment(reply: FastifyReply, filename: string, contentType: string, body: Buffer | string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The one uploaded file of a multipart request (field "file"), or a 400 saying so in both languages. */
export async function uploadedFile(req: FastifyRequest): Promise<Buffer> {
  const file = await req.file().catch(() => undefined);
  if (!file) throw badRequest('import.no_file', '请选择要上传的 .xlsx 文件', 'Upload an .xlsx file in field "file"');
  return file.toBuffer();
}

/** The query of a paginated list: 1-based page, at most 200 rows a page. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};
