import type pg from 'pg';
import type { z } from 'zod';
import { inTransaction } from '../../db/connect';
import type { Actor } from '../../kit/actor';
import { contextFor } from '../../kit/context';
import { createKit } from '../../kit/create';
import { writeSheet } from '../../lib/xlsx';
import type { Clock } from '../../server/clock';
import { badRequest, conflict, invalidFields, notFound } from '../../server/errors';
import { auditStore } from '../audit/store';
import { parseIdNumber } from '../people/rules';
import { CITY } from '../territory/harbin';
import { territoryService } from '../territory/service';
import { bulletinDocumentSchema, SEVERITIES, type Severity } from './bulletin/document';
import { renderBulletin, type TemplateName } from './bulletin/render';
import { bulletinsStore } from './bulletins-store';
import { channelsStore } from './channels-store';
import { contactsStore } from './contacts-store';
import type { bulletinRequest, createContacts, createPositive } from './contract';
import { documentFromRecords, type WindowRequest } from './from-records';
import { placeTasksStore, type TaskStatus } from './place-tasks-store';
import { checkPlaces, resolveResidence } from './places';
import { positivesStore } from './store';

const KIND_NAMES: Record<string, string> = { confirmed: '确诊病例', asymptomatic: '无症状感染者' };
const CASE_COLUMNS = [
  '通报时间',
  '类型',
  '临床分型',
  '编号',
  '来源',
  '区县',
  '发现途径',
  '现住址',
  '来源地',
  '关系',
  '定点医院',
  '备注',
].map((header) => ({ header, width: header === '现住址' ? 32 : 14 }));

/** The instant a day's hour window closes, in China Standard Time (UTC+8, no daylight saving). */
const windowEnd = (date: string, toHour: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + toHour * 3_600_000);

export function surveillanceService(deps: { pool: pg.Pool; clock: Clock }) {
  // Until this module runs on the kit's context, the territory and people services are called through one.
  const kit = createKit(deps.pool, deps.clock);
  const ctxOf = (a: Actor) => contextFor(kit, a);
  /** A district-level node inside the caller's scope, or 400 naming the field. */
  const districtFor = async (a: Actor, districtId: number) => {
    const d = await territoryService.byId(ctxOf(a), districtId);
    if (d?.depth !== 1)
      throw invalidFields([{ field: 'districtId', zh: '不是您辖区内的区县', en: 'is not a district in your scope' }]);
    return d;
  };

  return {
    async createPositive(a: Actor, input: z.infer<typeof createPositive>) {
      if (input.kind === 'asymptomatic' && input.severity)
        throw invalidFields([{ field: 'severity', zh: '无症状感染者无临床分型', en: 'only confirmed cases have a severity' }]);
      const now = deps.clock.now();
      return inTransaction(deps.pool, async (tx) => {
        const district = await districtFor(a, input.districtId);
        const store = positivesStore(tx, a.scopePath);
        const linked = await store.visible(input.contactOf);
        if (linked.length !== new Set(input.contactOf).size)
          throw invalidFields([
            { field: 'contactOf', zh: '关联病例不存在', en: 'names a positive that does not exist in your scope' },
          ]);
        const { idNumber: _id, ...facts } = input;
        const residence = await resolveResidence(ctxOf(a), district, input, now);
        await checkPlaces(ctxOf(a), input.trajectory, 'trajectory');
        const created = await store.insert(
          {
            ...facts,
            ...residence,
            severity: input.severity ?? null,
            districtId: district.id,
            origin: input.origin ?? null,
            relationships: input.relationships ?? null,
            transferredTo: input.transferredTo ?? null,
            reclassifiedFrom: null,
          },
          a.userId,
          now,
        );
        await store.link(created.id, input.contactOf);
        if (input.trajectory.length) await store.replaceTrajectory(created.id, input.trajectory, now);
        await auditStore(tx).record(a, now, {
          action: 'positive.create',
          personId: residence.personId ?? undefined,
          target: `${input.reportDate} ${input.kind} ${created.number}`,
        });
        return created;
      });
    },

    /** 无症状感染者转为确诊病例: a new confirmed record on `reportDate` pointing at the asymptomatic one. */
    async reclassify(a: Actor, id: number, input: { reportDate: string; reportHour: number; severity?: string }) {
      const now = deps.clock.now();
      return inTransaction(deps.pool, async (tx) => {
        const store = positivesStore(tx, a.scopePath);
        const p = await store.byId(id);
        if (!p) throw notFound('Positive', '病例');
        if (p.kind !== 'asymptomatic')
          throw badRequest(
            'positive.not_asymptomatic',
            '只有无症状感染者可以转为确诊病例',
            'Only an asymptomatic infection can be reclassified',
          );
        const created = await store
          .insert(
            {
              ...p,
              reportDate: input.reportDate,
              reportHour: input.reportHour,
              kind: 'confirmed',
              severity: input.severity ?? null,
              reclassifiedFrom: p.id,
            },
            a.userId,
            now,
          )
          .catch((e: { code?: string }) => {
            if (e.code === '23505')
              throw badRequest('positive.already_reclassified', '该病例已转为确诊病例', 'Already reclassified');
            throw e;
          });
        await store.link(
          created.id,
          p.contactOf.map((c) => c.id),
        );
        await auditStore(tx).record(a, now, { action: 'positive.reclassify', target: String(id) });
        return created;
      });
    },

    /** A positive with its trajectory and tasks; reading one linked to a resident of the ledger is audited. */
    async getPositive(a: Actor, id: number) {
      const store = positivesStore(deps.pool, a.scopePath);
      const p = await store.byId(id);
      if (!p) throw notFound('Positive', '病例');
      if (p.personId)
        await auditStore(deps.pool).record(a, deps.clock.now(), {
          action: 'positive.read',
          personId: p.personId,
          target: String(id),
        });
      const [trajectory, placeTasks] = await Promise.all([store.trajectories([id]), store.placeTasks(id)]);
      return { ...p, trajectory: trajectory.map(({ positiveId: _p, ...e }) => e), placeTasks };
    },

    async setTrajectory(a: Actor, id: number, entries: Parameters<ReturnType<typeof positivesStore>['replaceTrajectory']>[1]) {
      return inTransaction(deps.pool, async (tx) => {
        const store = positivesStore(tx, a.scopePath);
        if (!(await store.byId(id))) throw notFound('Positive', '病例');
        await checkPlaces(ctxOf(a), entries, 'entries');
        await store.replaceTrajectory(id, entries, deps.clock.now());
        await auditStore(tx).record(a, deps.clock.now(), { action: 'positive.trajectory', target: String(id) });
      });
    },

    dailyCounts: (a: Actor, days: number, to?: string) => positivesStore(deps.pool, a.scopePath).daily(days, to),

    listPositives: (a: Actor, f: { date?: string; kind?: string; page: number; pageSize: number }) =>
      positivesStore(deps.pool, a.scopePath).list(f),

    /** The case list as .xlsx, in bulletin order, a page of 1,000 at a time. */
    async exportPositives(a: Actor, date?: string) {
      const store = positivesStore(deps.pool, a.scopePath);
      const rows: string[][] = [];
      for (let page = 1; ; page++) {
        const { items } = await store.list({ date, page, pageSize: 1000 });
        for (const p of items)
          rows.push([
            `${p.reportDate} ${p.reportHour}时`,
            KIND_NAMES[p.kind],
            p.kind === 'confirmed' && p.severity ? SEVERITIES[p.severity as Severity] : '',
            String(p.number),
            p.source === 'local' ? '本土' : '境外输入',
            p.district,
            p.channel,
            p.residence ?? '',
            p.origin ?? '',
            p.relationships ?? '',
            p.transferredTo ?? '',
            p.reclassified ? '无症状感染者转为确诊病例' : '',
          ]);
        if (items.length < 1000) break;
      }
      await auditStore(deps.pool).record(a, deps.clock.now(), {
        action: 'positive.export',
        detail: { date: date ?? null, rows: rows.length },
      });
      return writeSheet('病例表', CASE_COLUMNS, rows);
    },

    listPlaceTasks: (a: Actor, f: { status: TaskStatus; page: number; pageSize: number }) =>
      placeTasksStore(deps.pool, a.scopePath).list(f.status, f.page, f.pageSize),
    /** Closes a disinfection or closure task of the caller's territory (audited: it lifts a measure on a place). */
    async completeTask(a: Actor, taskId: number) {
      return inTransaction(deps.pool, async (tx) => {
        const now = deps.clock.now();
        const done = await placeTasksStore(tx, a.scopePath).complete(taskId, a.userId, now);
        if (!done) throw notFound('Task', '未完成的任务');
        await auditStore(tx).record(a, now, { action: 'place_task.done', target: `${done.place} ${done.task}` });
      });
    },

    /** Adds close contacts or their contacts, each traced from a positive or a contact in scope; idempotent by ID number. */
    async addContacts(a: Actor, input: z.infer<typeof createContacts>) {
      const now = deps.clock.now();
      const issues = input.contacts.flatMap((c, i) => {
        const out = [];
        if (c.idNumber && !parseIdNumber(c.idNumber, now).ok)
          out.push({ field: `contacts.${i}.idNumber`, zh: '身份证号无效', en: 'is not a valid ID number' });
        if (!!c.sourcePositiveId === !!c.sourceContactId)
          out.push({
            field: `contacts.${i}.source`,
            zh: '须关联一个病例或一个密接',
            en: 'needs exactly one source: a positive or a contact',
          });
        if (c.kind === 'close' && !c.sourcePositiveId)
          out.push({
            field: `contacts.${i}.sourcePositiveId`,
            zh: '密切接触者须关联病例',
            en: 'a close contact comes from a positive',
          });
        return out;
      });
      if (issues.length) throw invalidFields(issues);
      return inTransaction(deps.pool, async (tx) => {
        const positives = positivesStore(tx, a.scopePath);
        const contacts = contactsStore(tx, a.scopePath);
        const pIds = [...new Set(input.contacts.flatMap((c) => (c.sourcePositiveId ? [c.sourcePositiveId] : [])))];
        const cIds = [...new Set(input.contacts.flatMap((c) => (c.sourceContactId ? [c.sourceContactId] : [])))];
        const [fromPositive, fromContact] = await Promise.all([positives.placesOf(pIds), contacts.placesOf(cIds)]);
        if (fromPositive.size !== pIds.length || fromContact.size !== cIds.length)
          throw invalidFields([
            { field: 'contacts.source', zh: '关联的病例或密接不存在', en: 'names a source that does not exist in your scope' },
          ]);
        const rows = input.contacts.map((c) => ({
          kind: c.kind,
          name: c.name,
          idNumber: c.idNumber ? c.idNumber.toUpperCase() : null,
          phone: c.phone ?? null,
          sourcePositiveId: c.sourcePositiveId ?? null,
          sourceContactId: c.sourceContactId ?? null,
          ...((c.sourcePositiveId ? fromPositive.get(c.sourcePositiveId) : fromContact.get(c.sourceContactId as number)) as {
            districtId: number;
            terrPath: string;
          }),
        }));
        const inserted = await contacts.insertMany(rows, now);
        await auditStore(tx).record(a, now, { action: 'contact.create', detail: { rows: rows.length, inserted } });
        return { rows: rows.length, inserted };
      });
    },

    listContacts: (a: Actor, f: Parameters<ReturnType<typeof contactsStore>['list']>[0]) =>
      contactsStore(deps.pool, a.scopePath).list(f),

    async setContactStatus(a: Actor, id: number, status: string) {
      if (!(await contactsStore(deps.pool, a.scopePath).setStatus(id, status))) throw notFound('Contact', '密接');
    },

    /** The bulletin document of a day and window, built from the records the caller may see, and its text. */
    async preview(a: Actor, req: z.infer<typeof bulletinRequest>) {
      const positives = positivesStore(deps.pool, a.scopePath);
      const window: WindowRequest = {
        ...req,
        template: req.template as TemplateName,
        city: CITY.name,
        cityShortName: CITY.shortName,
      };
      const records = await positives.inWindow(req.date, req.fromHour, req.toHour);
      const [trajectories, totals] = await Promise.all([
        positives.trajectories(records.map((p) => p.id)),
        contactsStore(deps.pool, a.scopePath).totals(windowEnd(req.date, req.toHour)),
      ]);
      const document = bulletinDocumentSchema.parse(documentFromRecords(window, records, trajectories, totals));
      return { document, text: renderBulletin(window.template, document) };
    },

    /** Freezes a bulletin as the next version of its day and window (a city-scope route: city accounts only). */
    async publish(a: Actor, req: z.infer<typeof bulletinRequest> & { body: string }) {
      const { document } = await this.preview(a, req);
      const now = deps.clock.now();
      return inTransaction(deps.pool, async (tx) => {
        const r = await bulletinsStore(tx).publish(
          { day: req.date, fromHour: req.fromHour, toHour: req.toHour, template: req.template, document, body: req.body },
          a.userId,
          now,
        );
        await auditStore(tx).record(a, now, {
          action: 'bulletin.publish',
          target: `${req.date} ${req.fromHour}-${req.toHour} v${r.version}`,
        });
        return r;
      });
    },

    channels: (all: boolean) => channelsStore(deps.pool).list(all),
    /** Adds a detection channel to the city's list (audited: bulletins are worded with it). */
    async addChannel(a: Actor, c: { name: string; period: string }) {
      return inTransaction(deps.pool, async (tx) => {
        const created = await channelsStore(tx).create(c);
        if (!created) throw conflict('channel.exists', `发现途径“${c.name}”已存在`, `channel ${c.name} exists`);
        await auditStore(tx).record(a, deps.clock.now(), { action: 'channel.create', target: c.name, detail: c });
        return created;
      });
    },
    /** Renames the period of, retires, restores or reorders a channel (audited). */
    async updateChannel(a: Actor, id: number, c: { period?: string; active?: boolean; sort?: number }) {
      return inTransaction(deps.pool, async (tx) => {
        const updated = await channelsStore(tx).update(id, c);
        if (!updated) throw notFound('Channel', '发现途径');
        await auditStore(tx).record(a, deps.clock.now(), { action: 'channel.update', target: updated.name, detail: c });
        return updated;
      });
    },

    listBulletins: (page: number, pageSize: number) => bulletinsStore(deps.pool).list(page, pageSize),
    async getBulletin(id: number) {
      const b = await bulletinsStore(deps.pool).byId(id);
      if (!b) throw notFound('Bulletin', '通报');
      return b;
    },
  };
}

export type SurveillanceService = ReturnType<typeof surveillanceService>;
