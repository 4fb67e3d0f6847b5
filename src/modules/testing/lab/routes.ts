import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { importOutcome, importQuery } from '../../../kit/imports';
import { ctxOf } from '../../../server/access';
import { sendAttachment, uploadedFile, XLSX_TYPE } from '../../../server/http';
import { idParam } from '../../risk/contract';
import { testingPermissions as P } from '../permissions';
import {
  deviceBody,
  deviceOutcome,
  handoverBody,
  handoverItem,
  handoversPage,
  handoversQuery,
  receiveBody,
  retestsPage,
  retestsQuery,
} from './contract';
import { labService as svc } from './service';

const tags = ['testing'];

export function registerLab(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const sample = { access: { permission: P.names.sample, scope: 'territory' as const } };
  const lab = { access: { permission: P.names.lab, scope: 'territory' as const } };
  const retest = { access: { permission: P.names.retest, scope: 'territory' as const } };

  r.post('/api/testing/handovers', {
    config: sample,
    schema: {
      tags,
      summary: '样本交接单 (the closed tubes of a point not handed over yet, or the barcodes named, to a lab)',
      body: handoverBody,
      response: { 200: handoverItem },
    },
    handler: async (req) => svc.handOver(ctxOf(req), req.body),
  });
  r.get('/api/testing/handovers', {
    config: sample,
    schema: {
      tags,
      summary: '交接单列表 (the sender’s side, newest first)',
      querystring: handoversQuery,
      response: { 200: handoversPage },
    },
    handler: async (req) => svc.handovers(ctxOf(req), req.query),
  });
  r.get('/api/testing/lab/handovers', {
    config: lab,
    schema: {
      tags,
      summary: '待接收与已接收的交接单 (the lab’s side, newest first)',
      querystring: handoversQuery,
      response: { 200: handoversPage },
    },
    handler: async (req) => svc.handovers(ctxOf(req), req.query),
  });
  r.post('/api/testing/handovers/:id/receive', {
    config: lab,
    schema: {
      tags,
      summary: '接收交接单 (the lab’s count: equal → received, different → a discrepancy with both counts)',
      params: idParam,
      body: receiveBody,
      response: { 200: handoverItem },
    },
    handler: async (req) => svc.receive(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/testing/results/import', {
    config: lab,
    schema: {
      tags,
      summary: '上传检测结果 csv/xlsx (all or nothing, bad rows reported, idempotent by tube barcode; dryRun checks only)',
      consumes: ['multipart/form-data'],
      querystring: importQuery,
      response: { 200: importOutcome },
    },
    handler: async (req) => svc.importResults(ctxOf(req), await uploadedFile(req), { dryRun: req.query.dryRun ?? false }),
  });
  r.get('/api/testing/results/template', {
    config: lab,
    schema: { tags, summary: '检测结果导入模板 xlsx' },
    handler: async (_req, reply) => sendAttachment(reply, '核酸检测结果导入模板.xlsx', XLSX_TYPE, await svc.resultsTemplate()),
  });
  r.post('/api/testing/results', {
    config: lab,
    schema: {
      tags,
      summary: '检测设备上报结果 (JSON rows with a device token; the file’s checks; a replay changes nothing)',
      body: deviceBody,
      response: { 200: deviceOutcome },
    },
    handler: async (req) => svc.deviceResults(ctxOf(req), req.body),
  });
  r.get('/api/testing/retests', {
    config: retest,
    schema: {
      tags,
      summary: '混管阳性与单管复核 (positive pools with their people’s retests, and tubes overdue for a result)',
      querystring: retestsQuery,
      response: { 200: retestsPage },
    },
    handler: async (req) => svc.retests(ctxOf(req), req.query),
  });
}
