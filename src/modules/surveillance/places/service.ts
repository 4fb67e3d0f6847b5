// Where a positive lives, the places it went, and the measures on those places.
import type { Ctx } from '../../../kit/context';
import { invalidFields, notFound } from '../../../server/errors';
import { authService } from '../../auth/service';
import { parseIdNumber } from '../../people/rules';
import { peopleService } from '../../people/service';
import { territoryService } from '../../territory/service';
import type { TaskStatus } from './contract';
import { DWELLINGS, visitedPlaces } from './rules';
import { placeTasksStore } from './store';

export interface Residence {
  /** The dwelling's node, when known. */
  residenceNodeId: number | null;
  /**
   * The positive's scope path: the dwelling's when known, so accounts scoped to its street or community see
   * it, else the district's.
   */
  terrPath: string;
  /** The address as printed: what the CDC typed, else the dwelling's address. */
  residence: string | null;
  /** The resident record of the ledger the positive is. */
  personId: number | null;
}

export const placesService = {
  /**
   * The places a trajectory may name, found by `q` or listed by `ids`, each with its district, street, community
   * and address. City-wide, as `checkPlaces` is: a case visits places outside its district and the caller's scope.
   */
  findPlaces: (ctx: Ctx, f: { q?: string; ids?: number[]; limit: number }) =>
    f.ids ? territoryService.placesByIds(ctx, f.ids) : territoryService.findPlaces(ctx, f.q ?? '', f.limit),

  /** A district-level node inside the caller's scope, or 400 naming the field. */
  async district(ctx: Ctx, districtId: number) {
    const d = await territoryService.byId(ctx, districtId);
    if (d?.depth !== 1)
      throw invalidFields([{ field: 'districtId', zh: '不是您辖区内的区县', en: 'is not a district in your scope' }]);
    return d;
  },

  /**
   * Refuses a trajectory naming a territory place that does not exist (400 naming the entry). Places are checked
   * city-wide: a case visits places outside the district, and outside the caller's scope, too.
   */
  async checkPlaces(ctx: Ctx, entries: readonly { placeNodeId?: number | null }[], field: string) {
    const ids = [...new Set(entries.flatMap((e) => (e.placeNodeId ? [e.placeNodeId] : [])))];
    if (!ids.length) return;
    const known = await territoryService.placesAmong(ctx, ids);
    const issues = entries.flatMap((e, i) =>
      e.placeNodeId && !known.has(e.placeNodeId)
        ? [{ field: `${field}.${i}.placeNodeId`, zh: '不是辖区内登记的场所', en: 'is not a place of the territory' }]
        : [],
    );
    if (issues.length) throw invalidFields(issues);
  },

  /**
   * Where a new positive lives. The CDC may name the resident by ID number (the positive is linked to the ledger
   * and lives in their household), a dwelling node, or only an address; the node must lie in the chosen district.
   */
  async resolveResidence(
    ctx: Ctx,
    district: { id: number; path: string },
    input: { idNumber?: string; residenceNodeId?: number; residence?: string },
  ): Promise<Residence> {
    let personId: number | null = null;
    let nodeId = input.residenceNodeId ?? null;
    if (input.idNumber) {
      const idNumber = input.idNumber.toUpperCase();
      if (!parseIdNumber(idNumber, ctx.now()).ok)
        throw invalidFields([{ field: 'idNumber', zh: '身份证号无效', en: 'is not a valid ID number' }]);
      const person = await peopleService.residentByIdNumber(ctx, idNumber);
      if (!person)
        throw invalidFields([
          { field: 'idNumber', zh: '您辖区的居民台账中没有此人', en: 'names no resident of the ledger in your scope' },
        ]);
      personId = person.id;
      nodeId ??= person.householdId;
    }
    if (nodeId === null) return { residenceNodeId: null, terrPath: district.path, residence: input.residence ?? null, personId };
    const node = await territoryService.byId(ctx, nodeId);
    const field = input.residenceNodeId ? 'residenceNodeId' : 'idNumber';
    if (!node?.path.startsWith(district.path))
      throw invalidFields([{ field, zh: '住址不在所选区县内', en: 'the dwelling is not in the chosen district' }]);
    if (!DWELLINGS.has(node.type))
      throw invalidFields([
        { field, zh: '须为户、单元、楼栋、小区或村屯', en: 'must be a household, unit, building, compound or village' },
      ]);
    const address = input.residence ?? (await territoryService.addressOf(ctx, node.id)) ?? null;
    return { residenceNodeId: node.id, terrPath: node.path, residence: address, personId };
  },

  /** The names of districts, as the lists and the bulletins print them. */
  async districtNames(ctx: Ctx, districtIds: readonly number[]): Promise<Map<number, string>> {
    const nodes = await territoryService.published(ctx, districtIds);
    return new Map([...nodes].map(([id, n]) => [id, n.name]));
  },

  /** Rows with their district's name. */
  async withDistricts<T extends { districtId: number }>(ctx: Ctx, rows: readonly T[]): Promise<(T & { district: string })[]> {
    const names = await placesService.districtNames(
      ctx,
      rows.map((r) => r.districtId),
    );
    return rows.map((r) => ({ ...r, district: names.get(r.districtId) ?? '' }));
  },

  /** The scope path of each district: what a contact traced from a case of it inherits. */
  async districtPaths(ctx: Ctx, districtIds: readonly number[]): Promise<Map<number, string>> {
    const nodes = await territoryService.published(ctx, districtIds);
    return new Map([...nodes].map(([id, n]) => [id, n.path]));
  },

  /**
   * Opens the disinfection and closure tasks of the places a trajectory of positive `positiveId` visited, in the
   * scope of the territory place when the stop names one (its community does them), else of the case's district.
   */
  async openTasks(ctx: Ctx, positiveId: number, districtId: number, entries: Parameters<typeof visitedPlaces>[0]) {
    const places = [...visitedPlaces(entries)];
    if (!places.length) return;
    const nodes = await territoryService.published(ctx, [districtId, ...places.flatMap(([, node]) => (node ? [node] : []))]);
    const districtPath = nodes.get(districtId)?.path ?? ctx.scopePath;
    await placeTasksStore(ctx).open(
      positiveId,
      places.map(([place, node]) => ({ place, node, path: (node && nodes.get(node)?.path) || districtPath })),
    );
  },

  /** The tasks of a positive in scope, for its detail. */
  /** A positive's place tasks, each place with where it lies (district · street · community), as the list says it. */
  async tasksOf(ctx: Ctx, positiveId: number) {
    const tasks = await placeTasksStore(ctx).ofPositive(positiveId);
    const places = await territoryService.placesByIds(
      ctx,
      tasks.flatMap((t) => (t.placeNodeId ? [t.placeNodeId] : [])),
    );
    const trails = new Map(places.map((p) => [p.id, p.trail]));
    return tasks.map(({ placeNodeId, ...t }) => ({ ...t, trail: (placeNodeId && trails.get(placeNodeId)) || [] }));
  },

  async listTasks(ctx: Ctx, f: { status: TaskStatus; page: number; pageSize: number }) {
    const { total, items } = await placeTasksStore(ctx).list(f.status, f.page, f.pageSize);
    const [nodes, names, places] = await Promise.all([
      territoryService.published(
        ctx,
        items.map((t) => t.districtId),
      ),
      authService.displayNames(
        ctx,
        items.flatMap((t) => (t.doneById === null ? [] : [t.doneById])),
      ),
      territoryService.placesByIds(
        ctx,
        items.flatMap((t) => (t.placeNodeId ? [t.placeNodeId] : [])),
      ),
    ]);
    const byId = new Map(places.map((p) => [p.id, p]));
    return {
      total,
      items: items.map(({ districtId, placeNodeId, doneById, ...t }) => ({
        ...t,
        doneBy: doneById === null ? null : (names.get(doneById) ?? null),
        district: nodes.get(districtId)?.name ?? '',
        address: (placeNodeId && byId.get(placeNodeId)?.address) || null,
        trail: (placeNodeId && byId.get(placeNodeId)?.trail) || [],
      })),
    };
  },

  /** Closes a disinfection or closure task of the caller's territory (audited: it lifts a measure on a place). */
  completeTask: (ctx: Ctx, taskId: number) =>
    ctx.transaction(async (tx) => {
      const done = await placeTasksStore(tx).complete(taskId);
      if (!done) throw notFound('Task', '未完成的任务');
      await tx.audit({ action: 'place_task.done', target: `${done.place} ${done.task}` });
      await tx.emit('place_task.done', {
        taskId: done.id,
        positiveId: done.positiveId,
        task: done.task,
        placeNodeId: done.placeNodeId,
      });
    }),
};
