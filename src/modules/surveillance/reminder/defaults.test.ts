import { describe, expect, it } from 'vitest';
import { firstReminderDraft, HARBIN, nextReminderDraft } from './defaults';
import { reminderDocumentSchema } from './document';
import { reminder20211105 } from './fixtures/seed000-2021-11-05';
import { reminder20211103 } from './fixtures/seed001-2021-11-03';
import { renderReminder } from './render';

describe('reminder drafts', () => {
  it('starts the first reminder from the city CDC defaults: seed 001 once its records are added', () => {
    const draft = firstReminderDraft('2021-11-03', HARBIN);
    expect(draft.reportDuty).toEqual([]);
    const filled = reminderDocumentSchema.parse({
      ...draft,
      caseReports: reminder20211103.caseReports,
      reportDuty: reminder20211103.reportDuty,
    });
    expect(renderReminder(filled)).toBe(renderReminder(reminder20211103));
  });

  it('keeps what stays true from the previous reminder and empties the news of its day', () => {
    const draft = nextReminderDraft('2021-11-06', reminder20211105);
    expect(draft).toMatchObject({
      issuedOn: '2021-11-06',
      issuerShortName: '哈市疾病预防控制中心',
      riskAreaChanges: [],
      caseReports: [],
      reportDuty: reminder20211105.reportDuty,
      fixedText: reminder20211105.fixedText,
      directory: reminder20211105.directory,
    });
    expect(reminderDocumentSchema.safeParse(draft).success).toBe(true);
  });
});
