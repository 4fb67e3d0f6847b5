import type { z } from 'zod';
import { type Ctx, cityWide } from '../../../kit/context';
import { AppError, conflict, forbidden, invalidFields, notFound } from '../../../server/errors';
import { authService } from '../../auth/service';
import { peopleService, searchOf } from '../../people/service';
import { labService } from '../../testing/lab/service';
import '../events';
import { fever, refusedInvestigation } from '../colours/reasons';
import { activeAt } from '../colours/rules';
import { coloursService } from '../colours/service';
import { healthcodePermissions as P } from '../permissions';
import type { Colour } from '../tokens';
import type { CorrectionItem, correctBody, correctionsQuery, endFactBody, factBody, PersonCard } from './contract';
import { correctionCursor } from './contract';
import { changeZh, commonPath, decisionRefusal, needsSecondPerson } from './rules';
import { type CorrectionRow, correctionsStore } from './store';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
/** How many people of a correction its list row names. */
const NAMED = 3;

/** The colours before a correction, by person id (what `changeZh` says). */
const beforeColours = (c: CorrectionRow) =>
  Object.fromEntries(Object.entries(c.before).map(([id, b]) => [id, b.colour])) as Record<string, Colour>;

/** Corrections as lists and cards show them: who asked and decided, the first people named, what the caller may do. */
async function present(ctx: Ctx, rows: readonly CorrectionRow[]): Promise<CorrectionItem[]> {
  if (!rows.length) return [];
  const users = await authService.displayNames(
    ctx,
    rows.flatMap((r) => (r.decidedBy ? [r.requestedBy, r.decidedBy] : [r.requestedBy])),
  );
  // City-wide: a correction's people are named wherever they live now (a household moved after the correction).
  const names = await peopleService.namesOf(cityWide(ctx), [...new Set(rows.flatMap((r) => r.personIds.slice(0, NAMED)))]);
  const mayDecide = ctx.can(P.names.approve);
  return rows.map((r) => ({
    id: r.id,
    colour: r.colour,
    reason: r.reason,
    status: r.status,
    needsSecond: needsSecondPerson(r.colour, r.personIds.length),
    people: r.personIds.length,
    names: r.personIds.slice(0, NAMED).map((id) => names.get(id) ?? `#${id}`),
    change: changeZh(beforeColours(r), r.colour),
    requestedBy: users.get(r.requestedBy) ?? '',
    requestedAt: new Date(r.requestedAt).toISOString(),
    decidedBy: r.decidedBy ? (users.get(r.decidedBy) ?? '') : null,
    decidedAt: iso(r.decidedAt),
    note: r.decisionNote,
    actions:
      mayDecide && r.status === 'pending' && r.requestedBy !== ctx.actor?.userId ? ['approve' as const, 'reject' as const] : [],
  }));
}

/**
 * Puts an applied correction in force (health_overrides, each person at their household) and recomputes its
 * people through the colours' one statement, so health_codes and the change feed the projections follow change
 * in the same transaction; then announces it.
 */
async function putInForce(tx: Ctx, c: { id: number; colour: Colour; reason: string; personIds: readonly number[] }) {
  // City-wide: the correction was checked against the requester's scope; a person who moved since keeps it.
  const paths = await peopleService.pathsOf(cityWide(tx), c.personIds);
  const people = c.personIds.flatMap((id) => {
    const path = paths.get(id);
    return path ? [{ id, path }] : [];
  });
  await correctionsStore(cityWide(tx)).putInForce({ ...c, at: tx.now() }, people);
  await coloursService.recompute(tx, { ids: people.map((p) => p.id) }, `correction:${c.id}`);
  await tx.emit('healthcode.corrected', { correctionId: c.id, personIds: people.map((p) => p.id), colour: c.colour });
}

/** What an audit row of a correction keeps: the change as read, and each person's colour before (up to ten). */
const auditDetail = (c: Pick<CorrectionRow, 'id' | 'colour' | 'reason' | 'before' | 'personIds'>, status: string) => ({
  correctionId: c.id,
  colour: c.colour,
  reason: c.reason,
  status,
  people: c.personIds.length,
  change: changeZh(beforeColours(c as CorrectionRow), c.colour),
  before: Object.fromEntries(Object.entries(c.before).slice(0, 10)),
  after: c.colour,
});

const FACT_REASON = { refused_investigation: refusedInvestigation, fever } as const;

/**
 * The health-code administrators' use cases (健康码管理员, seed 000): a person looked up by ID number with their
 * colour, its reasons, facts and tests; a colour corrected (applied at once, or pending a second person of the CDC
 * for a change to red or of more than ten people); the CDC's decisions; the CDC's own facts.
 */
export const correctionsService = {
  /**
   * A person by ID number: a 12345 agent city-wide (the caller is unsure of their community), anyone else in
   * their scope. The ID number and phone pass the kit's `release()` (masked without people.reveal, audited with
   * it); a search by number without people.reveal spends the daily budget; every lookup is audited.
   */
  async lookup(ctx: Ctx, idNumber: string): Promise<PersonCard> {
    await searchOf(ctx, idNumber, { who: '人员', via: 'healthcode' });
    const hotline = ctx.actor?.role === 'hotline';
    const sc = hotline ? cityWide(ctx) : ctx;
    const found = await peopleService.residentByIdNumber(sc, idNumber);
    if (!found) throw notFound('Person', '人员');
    const id = Number(found.id);
    const p = await peopleService.get(sc, id);
    const code = await coloursService.codeOf(sc, id);
    const facts = await coloursService.factsOf(sc, id);
    const tests = await labService.resultsOfPerson(sc, id, 20);
    const history = await present(sc, await correctionsStore(sc).ofPerson(id, 50));
    await ctx.audit({ action: 'healthcode.read', personId: id, detail: { via: hotline ? 'hotline' : 'console' } });
    const now = ctx.now();
    return {
      person: {
        id,
        name: p.name,
        idNumber: p.idNumber,
        phone: p.phone,
        sex: p.sex,
        age: p.age,
        address: p.address,
        masked: p.masked,
      },
      code: {
        colour: code.colour,
        reasons: code.reasons,
        corrected: code.correctionId !== null,
        lastNegativeAt: iso(code.lastNegativeAt),
        updatedAt: iso(code.updatedAt),
      },
      facts: facts.map((f) => ({
        kind: f.kind,
        reason: f.reason,
        since: new Date(f.since).toISOString(),
        until: iso(f.until),
        active: activeAt({ since: new Date(f.since), until: f.until && new Date(f.until) }, now),
      })),
      tests: tests.map((t) => ({
        roundName: t.roundName,
        purpose: t.purpose,
        sampledAt: new Date(t.sampledAt).toISOString(),
        barcode: t.barcode,
        result: t.result,
        resultAt: iso(t.resultAt),
        lab: t.lab,
      })),
      corrections: history,
      actions: [
        ...(ctx.can(P.names.correct) && !hotline ? ['correct' as const] : []),
        ...(ctx.can(P.names.facts) ? ['facts' as const] : []),
      ],
    };
  },

  /**
   * Requests a correction of people in the caller's scope: the reason required, each one's colour before kept.
   * Applied at once when one person may make it, else pending until a second person of the CDC approves it.
   * Audited with the before and after, in the same transaction.
   */
  request: (ctx: Ctx, body: z.infer<typeof correctBody>) =>
    ctx.transaction(async (tx) => {
      const actor = tx.actor;
      if (!actor) throw forbidden();
      const ids = [...new Set(body.personIds)];
      const paths = await peopleService.pathsOf(tx, ids);
      const missing = ids.filter((id) => !paths.has(id));
      if (missing.length)
        throw invalidFields([
          {
            field: 'personIds',
            zh: `${missing.length}人不存在或不在您的辖区内（如 #${missing.slice(0, 3).join('、#')}）`,
            en: `${missing.length} people not found in your scope (e.g. #${missing.slice(0, 3).join(', #')})`,
          },
        ]);
      const store = correctionsStore(tx);
      const codes = await store.codesOf(ids);
      const before = Object.fromEntries(
        ids.map((id) => [String(id), codes.get(id) ?? { colour: 'green' as const, reasons: [] }]),
      );
      const second = needsSecondPerson(body.colour, ids.length);
      const now = tx.now();
      const row = {
        terrPath: commonPath([...paths.values()]),
        personIds: ids,
        colour: body.colour,
        reason: body.reason,
        before,
        status: second ? ('pending' as const) : ('applied' as const),
        requestedBy: actor.userId,
        requestedAt: now,
        decidedBy: null,
        decidedAt: second ? null : now,
        decisionNote: null,
      };
      const id = await store.insert(row);
      if (!second) await putInForce(tx, { id, colour: body.colour, reason: body.reason, personIds: ids });
      await tx.audit({
        action: 'healthcode.correct',
        personIds: ids,
        target: `#${id}`,
        detail: auditDetail({ ...row, id }, row.status),
      });
      const [item] = await present(tx, [{ ...row, id }]);
      return item as CorrectionItem;
    }),

  /**
   * Approves a pending correction: by another account than the requester's holding healthcode.approve (the
   * database refuses the requester too). It takes effect now, audited with the before and after.
   */
  approve: (ctx: Ctx, id: number, note?: string) => decide(ctx, id, 'applied', note ?? null),

  /** Rejects a pending correction with a reason, by another account than the requester's; nothing changes. */
  reject: (ctx: Ctx, id: number, note: string) => decide(ctx, id, 'rejected', note),

  /** A keyset page of corrections in scope, newest first; the CDC's pending list with `status=pending`. */
  async list(ctx: Ctx, q: z.infer<typeof correctionsQuery>) {
    const rows = await correctionsStore(ctx).page({
      pending: q.status === 'pending',
      before: q.after ?? null,
      limit: q.pageSize + 1,
    });
    const page = correctionCursor.page(rows, q.pageSize, (r) => r.id);
    return { items: await present(ctx, page.items), next: page.next };
  },

  /**
   * The CDC records a fact only it knows (拒不配合流行病学调查, 发热门诊就诊) for a person in its scope, through the
   * colours' one write path (recomputed in the same transaction); audited.
   */
  recordFact: (ctx: Ctx, body: z.infer<typeof factBody>) =>
    ctx.transaction(async (tx) => {
      const path = (await peopleService.pathsOf(tx, [body.personId])).get(body.personId);
      if (!path) throw notFound('Person', '人员');
      const since = body.since ? new Date(body.since) : tx.now();
      const reason = FACT_REASON[body.kind]();
      const done = await coloursService.recordFacts(
        tx,
        [{ personId: body.personId, terrPath: path, kind: body.kind, source: `cdc:${body.kind}`, reason, since, until: null }],
        `cdc:${body.kind}`,
      );
      await tx.audit({
        action: 'healthcode.fact_record',
        personId: body.personId,
        detail: { kind: body.kind, reason, since: since.toISOString() },
      });
      const code = await coloursService.codeOf(tx, body.personId);
      return { changed: done.changed, colour: code.colour, reasons: code.reasons };
    }),

  /** The CDC ends its fact of a person now (cooperating again, fever over); audited. */
  endFact: (ctx: Ctx, body: z.infer<typeof endFactBody>) =>
    ctx.transaction(async (tx) => {
      const path = (await peopleService.pathsOf(tx, [body.personId])).get(body.personId);
      if (!path) throw notFound('Person', '人员');
      const done = await coloursService.endFacts(
        tx,
        { source: `cdc:${body.kind}`, personIds: [body.personId], at: tx.now() },
        `cdc:${body.kind}:end`,
      );
      await tx.audit({
        action: 'healthcode.fact_end',
        personId: body.personId,
        detail: { kind: body.kind, reason: FACT_REASON[body.kind]() },
      });
      const code = await coloursService.codeOf(tx, body.personId);
      return { changed: done.changed, colour: code.colour, reasons: code.reasons };
    }),
};

async function decide(ctx: Ctx, id: number, status: 'applied' | 'rejected', note: string | null) {
  return ctx.transaction(async (tx) => {
    const actor = tx.actor;
    if (!actor) throw forbidden();
    const store = correctionsStore(tx);
    const c = await store.byId(id, true);
    if (!c) throw notFound('Correction', '健康码更正');
    const refusal = decisionRefusal(c, actor.userId);
    if (refusal === 'own')
      throw new AppError(
        403,
        'healthcode.own_correction',
        '申请人不能审核自己提交的更正，须由疾控另一人审核',
        'The requester cannot decide their own correction: a second person of the CDC must',
      );
    if (refusal === 'decided')
      throw conflict('healthcode.correction_decided', '该更正已审核，不能重复审核', 'The correction has been decided already');
    await store.decide(id, { status, by: actor.userId, at: tx.now(), note });
    if (status === 'applied') await putInForce(tx, c);
    await tx.audit({
      action: status === 'applied' ? 'healthcode.correction_approve' : 'healthcode.correction_reject',
      personIds: c.personIds,
      target: `#${id}`,
      detail: { ...auditDetail(c, status), note },
    });
    const [item] = await present(tx, [{ ...c, status, decidedBy: actor.userId, decidedAt: tx.now(), decisionNote: note }]);
    return item as CorrectionItem;
  });
}
