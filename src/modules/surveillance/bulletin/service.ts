import type { Ctx } from '../../../kit/context';
import { type DraftInput, draftVersion, redraftVersion } from '../../../kit/publication-workflow';
import { getVersion, listVersions, type PublicationKind } from '../../../kit/publications';
import { authService } from '../../auth/service';
import { territoryService } from '../../territory/service';
import type { TrajectoryRecord } from '../cases/records';
import { positivesStore } from '../cases/store';
import { contactsStore } from '../contacts/store';
import { bulletinsPermissions } from '../permissions';
import { placesService } from '../places/service';
import type { BulletinDraft, BulletinItem, BulletinRequest } from './contract';
import { bulletinDocumentSchema } from './document';
import { documentFromRecords, type WindowRequest } from './from-records';
import { isSigned, renderBulletin, type TemplateName } from './render';

/** The instant a day's hour window closes, in China Standard Time (UTC+8, no daylight saving). */
const windowEnd = (date: string, toHour: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + toHour * 3_600_000);

type BulletinKey = { day: string; fromHour: number; toHour: number };

/** Bulletins as reviewed publications: a series per day and hour window; signed layouts print two signature lines. */
export const BULLETINS: PublicationKind<BulletinKey, BulletinItem, 'bulletin.published'> = {
  table: 'bulletins',
  zh: '通报',
  en: 'Bulletin',
  permission: bulletinsPermissions.names.publish,
  keyColumns: (k) => ({ day: k.day, from_hour: k.fromHour, to_hour: k.toHour }),
  keyOf: (r) => ({ day: r.day as string, fromHour: r.fromHour as number, toHour: r.toHour as number }),
  extraColumns: ['template'],
  publisherNames: authService.displayNames,
  listSelect: 't.day, t.from_hour AS "fromHour", t.to_hour AS "toHour", t.template, t.body',
  audit: {
    prefix: 'bulletin',
    target: (k) => `${k.day} ${k.fromHour}-${k.toHour}`,
    // The figures the published text states, so the audit log says what was announced.
    detail: (v) => {
      const positives = (v.document as { positives?: { kind: string }[] }).positives ?? [];
      const confirmed = positives.filter((p) => p.kind === 'confirmed').length;
      return { confirmed, asymptomatic: positives.length - confirmed };
    },
  },
  event: 'bulletin.published',
  payload: (k, r) => ({ ...r, ...k }),
  fileName: (b) => `疫情通报-${b.day}-${b.fromHour}-${b.toHour}时-${b.version === null ? `草稿${b.id}` : `v${b.version}`}`,
  signatureLines: (b) => (isSigned(b.template) ? 2 : 0),
};

/**
 * The area a bulletin speaks for: the city for a city-wide account, else the district its scope lies in, so a
 * district's preview carries the district's own title over its own figures (南岗区11月2日0-24时疫情通报).
 */
async function areaOf(ctx: Ctx): Promise<{ name: string; shortName: string }> {
  const [city, scope] = await Promise.all([territoryService.city(ctx), territoryService.root(ctx)]);
  if (scope.depth === 0) return city;
  // Paths run from the city down: /<city>/<district>/…
  const districtId = Number(scope.path.split('/')[2]);
  const district = scope.depth === 1 ? scope : (await territoryService.published(ctx, [districtId])).get(districtId);
  return district ? { name: district.name, shortName: district.name } : city;
}

/**
 * Trajectory stops at registered places print the place's address, as published trajectories do
 * (南岗区海涛综合百货商店(哈双路393号)); an address the CDC typed on the stop is kept.
 */
async function withPlaceAddresses(ctx: Ctx, entries: TrajectoryRecord[]): Promise<TrajectoryRecord[]> {
  const ids = entries.flatMap((e) => (e.stop.type === 'place' && !e.stop.address && e.placeNodeId ? [e.placeNodeId] : []));
  if (!ids.length) return entries;
  const places = await territoryService.published(ctx, ids);
  return entries.map((e) => {
    const address = e.placeNodeId ? places.get(e.placeNodeId)?.address : undefined;
    return e.stop.type === 'place' && !e.stop.address && address ? { ...e, stop: { ...e.stop, address } } : e;
  });
}

/** The epidemic bulletin (疫情通报): built from the records in scope, previewed, published as frozen versions. */
export const bulletinService = {
  /** The bulletin document of a day and window, built from the records the caller may see, and its text. */
  async preview(ctx: Ctx, req: BulletinRequest) {
    const positives = positivesStore(ctx);
    // Reads that do not wait on each other, then the district names and trajectories of the day's records.
    const [area, stored, totals] = await Promise.all([
      areaOf(ctx),
      positives.inWindow(req.date, req.fromHour, req.toHour),
      contactsStore(ctx).totals(windowEnd(req.date, req.toHour)),
    ]);
    const window: WindowRequest = {
      ...req,
      template: req.template as TemplateName,
      city: area.name,
      cityShortName: area.shortName,
    };
    const [records, trajectories] = await Promise.all([
      placesService.withDistricts(ctx, stored),
      positives.trajectories(stored.map((p) => p.id)).then((entries) => withPlaceAddresses(ctx, entries)),
    ]);
    const document = bulletinDocumentSchema.parse(documentFromRecords(window, records, trajectories, totals));
    return { document, text: renderBulletin(window.template, document) };
  },

  /**
   * Starts a draft of a day and window (city-wide publishers): the document is built from the records as the
   * preview builds it; the body is the CDC's edited text, or the rendered one when none is sent.
   */
  async saveDraft(ctx: Ctx, req: BulletinDraft) {
    return draftVersion(ctx, BULLETINS, keyOf(req), await draftOf(ctx, req));
  },

  /** Replaces a draft by its drafter, re-rendered from the records of the (possibly changed) day and template. */
  async updateDraft(ctx: Ctx, id: number, req: BulletinDraft) {
    return redraftVersion(ctx, BULLETINS, id, keyOf(req), await draftOf(ctx, req));
  },

  list: (ctx: Ctx, page: number, pageSize: number) => listVersions(ctx, BULLETINS, page, pageSize),
  get: (ctx: Ctx, id: number) => getVersion(ctx, BULLETINS, id),
};

const keyOf = (req: BulletinRequest) => ({ day: req.date, fromHour: req.fromHour, toHour: req.toHour });

/** What a draft stores: the document of the preview, the text to review, the template, what it corrects. */
async function draftOf(ctx: Ctx, req: BulletinDraft): Promise<DraftInput> {
  const { document, text } = await bulletinService.preview(ctx, req);
  return { document, body: req.body ?? text, extra: { template: req.template }, correctionReason: req.correctionReason };
}
