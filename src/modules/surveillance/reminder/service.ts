import type pg from 'pg';
import { inTransaction } from '../../../db/connect';
import type { Actor } from '../../../kit/actor';
import type { Clock } from '../../../server/clock';
import { notFound } from '../../../server/errors';
import { auditStore } from '../../audit/store';
import { draftReminder } from './defaults';
import type { ReminderDocument, ReminderDocumentInput } from './document';
import { renderReminder } from './render';
import { remindersStore } from './store';

/** The CDC's urgent reminders: a draft from the last one, a preview, frozen publication, and the published texts. */
export function reminderService(deps: { pool: pg.Pool; clock: Clock }) {
  return {
    /** The next reminder's document, to be completed with the day's news (see `draftReminder`). */
    async draft(issuedOn: string) {
      const previous = (await remindersStore(deps.pool).latestDocument()) as ReminderDocumentInput | undefined;
      return draftReminder(issuedOn, previous);
    },

    /** The text of a document the route has validated. */
    preview: (document: ReminderDocument) => ({ document, text: renderReminder(document) }),

    /**
     * Freezes a reminder as the next version of its day. The stored document is the validated one; the body
     * is the text the CDC approved, which may carry edits made after the preview (audited with the version).
     */
    async publish(a: Actor, document: ReminderDocument, body: string) {
      const now = deps.clock.now();
      return inTransaction(deps.pool, async (tx) => {
        const r = await remindersStore(tx).publish({ issuedOn: document.issuedOn, document, body }, a.userId, now);
        await auditStore(tx).record(a, now, {
          action: 'reminder.publish',
          target: `${document.issuedOn} v${r.version}`,
          detail: { edited: body !== renderReminder(document) },
        });
        return r;
      });
    },

    list: (page: number, pageSize: number) => remindersStore(deps.pool).list(page, pageSize),
    async get(id: number) {
      const r = await remindersStore(deps.pool).byId(id);
      if (!r) throw notFound('Reminder', '紧急提醒');
      return r;
    },
  };
}

export type ReminderService = ReturnType<typeof reminderService>;
