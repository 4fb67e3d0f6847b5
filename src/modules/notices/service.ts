import type { Ctx } from '../../kit/context';
import { draftVersion, redraftVersion } from '../../kit/publication-workflow';
import { getVersion, listVersions, type PublicationKind, type Version } from '../../kit/publications';
import { cityClock } from '../../lib/zh-words';
import { invalidFields } from '../../server/errors';
import { bilingual } from '../../server/field-messages';
import { authService } from '../auth/service';
import { riskService } from '../risk/service';
import { type NoticeDocument, noticeDocumentSchema } from './document';
import { noticeLayout, noticeLayoutNames } from './layout-files';
import { noticesPermissions } from './permissions';
import { renderNotice } from './render';

/** A notice's version as listed. */
export interface NoticeVersion extends Version {
  issuedOn: string;
  startsAt: string;
  title: string;
}

type NoticeKey = { issuedOn: string; startsAt: string; title: string };

/** An instant as one text whatever its offset or type (a timestamptz reads back as a Date). */
const instant = (v: unknown) => new Date(v as string | Date).toISOString();

/** The changes' ids a document publishes (a hand-written change has none). */
const changeIdsOf = (document: unknown) =>
  ((document as Partial<NoticeDocument>).changes ?? []).flatMap((c) => (c.changeId === undefined ? [] : [c.changeId]));

/**
 * Notices as reviewed publications: a series per notice (its day, first start time and title). The published
 * event carries the change ids of its document, for the risk module to apply.
 */
export const NOTICES: PublicationKind<NoticeKey, NoticeVersion, 'notice.published'> = {
  table: 'risk_notices',
  zh: '风险等级通告',
  en: 'Notice',
  permission: noticesPermissions.names.publish,
  keyColumns: (k) => ({ issued_on: k.issuedOn, starts_at: k.startsAt, title: k.title }),
  keyOf: (r) => ({ issuedOn: r.issuedOn as string, startsAt: instant(r.startsAt), title: r.title as string }),
  publisherNames: authService.displayNames,
  listSelect: `t.issued_on AS "issuedOn", to_char(t.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startsAt", t.title`,
  audit: {
    prefix: 'notice',
    target: (k) => `${k.title} ${k.startsAt}`,
    detail: (v) => ({ changeIds: changeIdsOf(v.document) }),
  },
  event: 'notice.published',
  payload: (_k, r, document) => ({ noticeId: r.id, version: r.version, changeIds: changeIdsOf(document) }),
  fileName: (r) => `风险等级通告-${r.issuedOn}-${r.version === null ? `草稿${r.id}` : `v${r.version}`}`,
  signatureLines: () => 2,
};

/** A draft's key and text, both from its document: the body is rendered, never typed. */
function drafted(document: NoticeDocument) {
  const { text } = renderNotice(document);
  const first = Math.min(...document.changes.map((c) => Date.parse(c.at)));
  const key: NoticeKey = { issuedOn: document.date, startsAt: new Date(first).toISOString(), title: text.split('\n')[0] ?? '' };
  return { key, body: text };
}

/** The HQ's risk-level notices: drafts from documents, the review of each version, and the published texts. */
export const noticeService = {
  /** The house styles a document may name in `layout` (docs/notice.md). */
  layouts: () => noticeLayoutNames().map((name) => ({ name, description: noticeLayout(name).description })),

  /** Starts a draft (city-wide publishers) with the text rendered from its document. */
  saveDraft(ctx: Ctx, document: NoticeDocument, correctionReason?: string) {
    const { key, body } = drafted(document);
    return draftVersion(ctx, NOTICES, key, { document, body, correctionReason });
  },

  /**
   * Starts a draft from the risk module's planned changes (their areas, districts, levels and start times as
   * recorded), dated today in the city, in `layout` or the house style the edition in force chooses. The document
   * is checked as a hand-written one is (a medium tier the edition lacks is refused, naming the change).
   */
  async draftFromChanges(ctx: Ctx, changeIds: readonly number[], layout?: string) {
    const changes = await riskService.changesForNotice(ctx, changeIds);
    const parsed = noticeDocumentSchema.safeParse({ date: cityClock(ctx.now().toISOString()).day, layout, changes });
    if (!parsed.success)
      throw invalidFields(
        parsed.error.issues.map((i) => {
          const { zh, en } = bilingual(i.message) ?? { zh: i.message, en: i.message };
          const at = i.path[0] === 'changes' && typeof i.path[1] === 'number' ? `第${i.path[1] + 1}项调整：` : '';
          return { field: i.path[0] === 'layout' ? 'layout' : 'changeIds', zh: `${at}${zh}`, en };
        }),
      );
    return noticeService.saveDraft(ctx, parsed.data);
  },

  /** Replaces a draft (its drafter, while a draft), re-rendered from the new document. */
  updateDraft(ctx: Ctx, id: number, document: NoticeDocument, correctionReason?: string) {
    const { key, body } = drafted(document);
    return redraftVersion(ctx, NOTICES, id, key, { document, body, correctionReason });
  },

  list: (ctx: Ctx, page: number, pageSize: number) => listVersions(ctx, NOTICES, page, pageSize),
  get: (ctx: Ctx, id: number) => getVersion(ctx, NOTICES, id),
};
