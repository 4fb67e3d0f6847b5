import type { Ctx } from '../../../kit/context';
import {
  getPublished,
  latestDocument,
  listPublished,
  type PublicationKind,
  publish as publishVersion,
} from '../../../kit/publications';
import { authService } from '../../auth/service';
import { territoryService } from '../../territory/service';
import { firstReminderDraft, nextReminderDraft } from './defaults';
import type { ReminderDocument, ReminderDocumentInput } from './document';
import { DEFAULT_LAYOUT, reminderLayout, reminderLayoutNames } from './layout-files';
import { renderReminder } from './render';

/** A published reminder as listed: its title is the body's first paragraph (lists do not ship each whole text). */
export interface PublishedReminder {
  id: number;
  issuedOn: string;
  version: number;
  title: string;
  publishedAt: Date;
  publishedBy: string | null;
}

/** Reminders as frozen publications: a series per day of issue. */
export const REMINDERS: PublicationKind<{ issuedOn: string }, PublishedReminder, 'reminder.published'> = {
  table: 'reminders',
  zh: '紧急提醒',
  en: 'Reminder',
  keyColumns: (k) => ({ issued_on: k.issuedOn }),
  publisherNames: authService.displayNames,
  listSelect: `t.issued_on AS "issuedOn", split_part(t.body, E'\\n', 1) AS title`,
  listOrder: 't.issued_on DESC, t.version DESC',
  audit: { action: 'reminder.publish', target: (k, v) => `${k.issuedOn} v${v}` },
  event: 'reminder.published',
  payload: (k, r) => ({ ...r, ...k }),
  fileName: (r) => `紧急提醒-${r.issuedOn}-v${r.version}`,
};

/** The CDC's urgent reminders: a draft from the last one, a preview, frozen publication, and the published texts. */
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
   * Freezes a reminder as the next version of its day. The stored document is the validated one; the body
   * is the text the CDC approved, which may carry edits made after the preview (audited with the version).
   */
  publish: (ctx: Ctx, document: ReminderDocument, body: string) =>
    publishVersion(
      ctx,
      REMINDERS,
      { issuedOn: document.issuedOn },
      { document, body, detail: { edited: body !== renderReminder(document) } },
    ),

  list: (ctx: Ctx, page: number, pageSize: number) => listPublished(ctx, REMINDERS, page, pageSize),
  get: (ctx: Ctx, id: number) => getPublished(ctx, REMINDERS, id),
};
