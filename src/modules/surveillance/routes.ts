import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCX_TYPE, textToDocx } from '../../lib/docx';
import { actorOf } from '../../server/access';
import type { Deps } from '../../server/deps';
import { pageQuery, sendAttachment, uploadedFile, XLSX_TYPE } from '../../server/http';
import { surveillanceAccess } from './access';
import { importContacts } from './contact-import';
import { CONTACT_STATUSES } from './contacts-store';
import {
  bulletinItem,
  bulletinRequest,
  channel,
  channelInput,
  channelPatch,
  contactItem,
  createContacts,
  createPositive,
  placeTask,
  positiveDetail,
  positiveItem,
  publishRequest,
  trajectoryInput,
} from './contract';
import { TASK_STATUSES } from './place-tasks-store';
import type { SurveillanceService } from './service';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const ok = z.object({ ok: z.boolean() });
const bulletinFile = (b: { day: string; fromHour: number; toHour: number; version: number }, ext: string) =>
  `疫情通报-${b.day}-${b.fromHour}-${b.toHour}时-v${b.version}.${ext}`;

export function registerSurveillance(app: FastifyInstance, deps: Deps, svc: SurveillanceService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const A = surveillanceAccess;

  r.get('/api/surveillance/positives', {
    config: A.casesRead,
    schema: {
      tags: ['surveillance'],
      summary: '阳性感染者列表 (positives in scope)',
      querystring: z.object({
        date: z.iso.date().optional(),
        kind: z.enum(['confirmed', 'asymptomatic']).optional(),
        ...pageQuery,
      }),
      response: { 200: z.object({ total: z.number(), items: z.array(positiveItem) }) },
    },
    handler: async (req) => svc.listPositives(actorOf(req), req.query),
  });
  r.get('/api/surveillance/positives/daily', {
    config: A.casesRead,
    schema: {
      tags: ['surveillance'],
      summary: '每日新增阳性感染者 (per report day and kind, ending on `to` or the latest report day in scope)',
      querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30), to: z.iso.date().optional() }),
      response: {
        200: z.object({ items: z.array(z.object({ date: z.string(), confirmed: z.number(), asymptomatic: z.number() })) }),
      },
    },
    handler: async (req) => ({ items: await svc.dailyCounts(actorOf(req), req.query.days, req.query.to) }),
  });
  r.get('/api/surveillance/positives/export', {
    config: A.casesRead,
    schema: {
      tags: ['surveillance'],
      summary: '病例表 xlsx (case list of a day or of all days in scope)',
      querystring: z.object({ date: z.iso.date().optional() }),
    },
    handler: async (req, reply) => {
      const data = await svc.exportPositives(actorOf(req), req.query.date);
      return sendAttachment(reply, `病例表${req.query.date ? `-${req.query.date}` : ''}.xlsx`, XLSX_TYPE, data);
    },
  });
  r.post('/api/surveillance/positives', {
    config: A.casesWrite,
    schema: {
      tags: ['surveillance'],
      summary: '登记阳性感染者 (numbered per day and kind)',
      body: createPositive,
      response: { 200: z.object({ id: z.number(), number: z.number() }) },
    },
    handler: async (req) => svc.createPositive(actorOf(req), req.body),
  });
  r.get('/api/surveillance/positives/:id', {
    config: A.casesRead,
    schema: {
      tags: ['surveillance'],
      summary: '病例详情 (with trajectory and place tasks)',
      params: idParam,
      response: { 200: positiveDetail },
    },
    handler: async (req) => svc.getPositive(actorOf(req), req.params.id),
  });
  r.put('/api/surveillance/positives/:id/trajectory', {
    config: A.casesWrite,
    schema: {
      tags: ['surveillance'],
      summary: '更新活动轨迹 (replace the trajectory)',
      params: idParam,
      body: z.object({ entries: trajectoryInput }),
      response: { 200: ok },
    },
    handler: async (req) => {
      await svc.setTrajectory(actorOf(req), req.params.id, req.body.entries);
      return { ok: true };
    },
  });
  r.post('/api/surveillance/positives/:id/reclassify', {
    config: A.casesWrite,
    schema: {
      tags: ['surveillance'],
      summary: '无症状感染者转为确诊病例 (reclassify)',
      params: idParam,
      body: z.object({
        reportDate: z.iso.date(),
        reportHour: z.number().int().min(0).max(23),
        severity: z.enum(['mild', 'moderate', 'severe', 'critical']).optional(),
      }),
      response: { 200: z.object({ id: z.number(), number: z.number() }) },
    },
    handler: async (req) => svc.reclassify(actorOf(req), req.params.id, req.body),
  });
  r.get('/api/surveillance/place-tasks', {
    config: A.placeTasksRead,
    schema: {
      tags: ['surveillance'],
      summary: '场所处置任务：终末消毒、封闭管理 (tasks of the places in scope, newest first)',
      querystring: z.object({ status: z.enum(TASK_STATUSES).default('open'), ...pageQuery }),
      response: { 200: z.object({ total: z.number(), items: z.array(placeTask) }) },
    },
    handler: async (req) => svc.listPlaceTasks(actorOf(req), req.query),
  });
  r.post('/api/surveillance/place-tasks/:id/done', {
    config: A.placeTasksWrite,
    schema: {
      tags: ['surveillance'],
      summary: '终末消毒/封闭管理 完成 (mark a place task done)',
      params: idParam,
      response: { 200: ok },
    },
    handler: async (req) => {
      await svc.completeTask(actorOf(req), req.params.id);
      return { ok: true };
    },
  });

  r.get('/api/surveillance/channels', {
    config: A.channelsRead,
    schema: {
      tags: ['surveillance'],
      summary: '发现途径 (detection channels: active ones, newest period first; all=true adds retired ones)',
      querystring: z.object({ all: z.stringbool().default(false) }),
      response: { 200: z.object({ items: z.array(channel) }) },
    },
    handler: async (req) => ({ items: await svc.channels(req.query.all) }),
  });
  r.post('/api/surveillance/channels', {
    config: A.channelsWrite,
    schema: {
      tags: ['surveillance'],
      summary: '新增发现途径 (add a detection channel)',
      body: channelInput,
      response: { 200: channel },
    },
    handler: async (req) => svc.addChannel(actorOf(req), req.body),
  });
  r.patch('/api/surveillance/channels/:id', {
    config: A.channelsWrite,
    schema: {
      tags: ['surveillance'],
      summary: '修改发现途径：期别、停用/启用、排序 (edit a detection channel)',
      params: idParam,
      body: channelPatch,
      response: { 200: channel },
    },
    handler: async (req) => svc.updateChannel(actorOf(req), req.params.id, req.body),
  });

  r.get('/api/surveillance/contacts', {
    config: A.contactsRead,
    schema: {
      tags: ['surveillance'],
      summary: '密接与次密接 (contacts in scope)',
      querystring: z.object({
        kind: z.enum(['close', 'secondary']).optional(),
        status: z.enum(CONTACT_STATUSES).optional(),
        positiveId: z.coerce.number().int().positive().optional(),
        ...pageQuery,
      }),
      response: { 200: z.object({ total: z.number(), items: z.array(contactItem) }) },
    },
    handler: async (req) => svc.listContacts(actorOf(req), req.query),
  });
  r.post('/api/surveillance/contacts', {
    config: A.contactsWrite,
    schema: {
      tags: ['surveillance'],
      summary: '登记密接 (batch; idempotent by ID number and source)',
      body: createContacts,
      response: { 200: z.object({ rows: z.number(), inserted: z.number() }) },
    },
    handler: async (req) => svc.addContacts(actorOf(req), req.body),
  });
  r.post('/api/surveillance/contacts/import', {
    config: A.contactsWrite,
    schema: {
      tags: ['surveillance'],
      summary: '导入密接名单 xlsx (all or nothing; idempotent by ID number and source)',
      consumes: ['multipart/form-data'],
      response: { 200: z.object({ rows: z.number(), inserted: z.number() }) },
    },
    handler: async (req) => {
      return importContacts(deps, svc, actorOf(req), await uploadedFile(req));
    },
  });
  r.post('/api/surveillance/contacts/:id/status', {
    config: A.contactsWrite,
    schema: {
      tags: ['surveillance'],
      summary: '密接状态 (located, controlled, tested, released)',
      params: idParam,
      body: z.object({ status: z.enum(CONTACT_STATUSES) }),
      response: { 200: ok },
    },
    handler: async (req) => {
      await svc.setContactStatus(actorOf(req), req.params.id, req.body.status);
      return { ok: true };
    },
  });

  r.post('/api/surveillance/bulletins/preview', {
    config: A.bulletinsRead,
    schema: {
      tags: ['surveillance'],
      summary: '疫情通报预览 (document built from records, and its text)',
      body: bulletinRequest,
      response: { 200: z.object({ document: z.record(z.string(), z.unknown()), text: z.string() }) },
    },
    handler: async (req) => svc.preview(actorOf(req), req.body),
  });
  r.post('/api/surveillance/bulletins', {
    config: A.bulletinsPublish,
    schema: {
      tags: ['surveillance'],
      summary: '发布疫情通报 (frozen; each publication is a new version)',
      body: publishRequest,
      response: { 200: z.object({ id: z.number(), version: z.number() }) },
    },
    handler: async (req) => svc.publish(actorOf(req), req.body),
  });
  r.get('/api/surveillance/bulletins', {
    config: A.bulletinsRead,
    schema: {
      tags: ['surveillance'],
      summary: '已发布的疫情通报 (published versions)',
      querystring: z.object(pageQuery),
      response: { 200: z.object({ total: z.number(), items: z.array(bulletinItem) }) },
    },
    handler: async (req) => svc.listBulletins(req.query.page, req.query.pageSize),
  });
  r.get('/api/surveillance/bulletins/:id/docx', {
    config: A.bulletinsRead,
    schema: { tags: ['surveillance'], summary: '通报 Word 文档下载 (.docx)', params: idParam },
    handler: async (req, reply) => {
      const b = await svc.getBulletin(req.params.id);
      const docx = await textToDocx(b.body, {
        signatureLines: b.template === '2021-daily' || b.template === '2022-channels' ? 2 : 0,
      });
      return sendAttachment(reply, bulletinFile(b, 'docx'), DOCX_TYPE, docx);
    },
  });
  r.get('/api/surveillance/bulletins/:id/text', {
    config: A.bulletinsRead,
    schema: { tags: ['surveillance'], summary: '通报全文下载 (text/plain)', params: idParam },
    handler: async (req, reply) => {
      const b = await svc.getBulletin(req.params.id);
      return sendAttachment(reply, bulletinFile(b, 'txt'), 'text/plain; charset=utf-8', b.body);
    },
  });
}
