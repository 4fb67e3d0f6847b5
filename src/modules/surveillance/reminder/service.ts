import type { Ctx } from '../../../kit/context';
import { draftVersion, redraftVersion } from '../../../kit/publication-workflow';
import { getVersion, latestDocument, listVersions, type PublicationKind, type Version } from '../../../kit/publications';
import { authService } from '../../auth/service';
import { territoryService } from '../../territory/service';
import { remindersPermissions } from '../permissions';
import { firstReminderDraft, nextReminderDraft } from './defaults';
import type { ReminderDocument, ReminderDocumentInput } from './document';
import { DEFAULT_LAYOUT, reminderLayout, reminderLayoutNames } from './layout-files';
import { renderReminder } from './render';

/** A reminder's version as listed: its title is the body's first paragraph (lists do not ship each whole text). */
export interface ReminderVersion extends Version {
  issuedOn: string;
  title: string;
}

/**
 * Reminders as reviewed publications: a series per day of issue. The publication's audit row says whether the
 * approved text was edited after it was rendered from its document.
 */
export const REMINDERS: PublicationKind<{ issuedOn: string }, ReminderVersion, 'reminder.published'> = {
  table: 'reminders',
  zh: '紧急提醒',
  en: 'Reminder',
  permission: remindersPermissions.names.publish,
  keyColumns: (k) => ({ issued_on: k.issuedOn }),
  keyOf: (r) => ({ issuedOn: r.issuedOn as string }),
  publisherNames: authService.displayNames,
  listSelect: `t.issued_on AS "issuedOn", split_part(t.body, E'\\n', 1) AS title`,
  audit: {
    prefix: 'reminder',
    target: (k) => k.issuedOn,
    detail: (v) => ({ edited: v.body !== renderReminder(v.document as ReminderDocument) }),
  },
  event: 'reminder.published',
  payload: (k, r) => ({ ...r, ...k }),
  fileName: (r) => `紧急提醒-${r.issuedOn}-${r.version === null ? `草稿${r.id}` : `v${r.version}`}`,
};

/** The CDC's urgent reminders: a draft from the last one, a preview, the review of each version, and the published texts. */
export const reminderService = {
  /** The next reminder's document, to be completed with the day's news (see `nextReminderDraft`, `firstReminderDraft`). */
  async draft(ctx: Ctx, issuedOn: string) {
    const previous = (await latestDocument(ctx, REMINDERS)) as ReminderDocumentInput | undefined;
    if (previous) return nextReminderDraft(issuedOn, previous);
    const [city, districts] = await Promise.all([territoryService.city(ctx), territoryService.districts(ctx)]);
    return firstReminderDraft(issuedOn, { name: city.name, phone: city.phone, districts });
  },

  /** The house styles a document may name in `layout`, for the console to offer (docs/reminder.md). */
  layouts: () =>
    reminderLayoutNames().map((name) => ({
      name,
      description: reminderLayout(name).description,
      isDefault: name === DEFAULT_LAYOUT,
    })),

  /** The text of a document the route has validated, in the layout it names. */
  preview: (document: ReminderDocument) => ({ document, text: renderReminder(document) }),

  /**
   * Starts a draft of its day of issue (city-wide publishers). The stored document is the validated one; the
   * body is the CDC's text, which may carry edits made after the preview; `correctionReason` when the day's
   * reminder is already published.
   */
  saveDraft: (ctx: Ctx, document: ReminderDocument, body: string, correctionReason?: string) =>
    draftVersion(ctx, REMINDERS, { issuedOn: document.issuedOn }, { document, body, correctionReason }),

  /** Replaces a draft (its drafter, while a draft). */
  updateDraft: (ctx: Ctx, id: number, document: ReminderDocument, body: string, correctionReason?: string) =>
    redraftVersion(ctx, REMINDERS, id, { issuedOn: document.issuedOn }, { document, body, correctionReason }),

  list: (ctx: Ctx, page: number, pageSize: number) => listVersions(ctx, REMINDERS, page, pageSize),
  get: (ctx: Ctx, id: number) => getVersion(ctx, REMINDERS, id),
};
