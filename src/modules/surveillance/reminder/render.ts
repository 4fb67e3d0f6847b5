import { punctuation } from '../bulletin/rules';
import { directoryParagraphs } from './directory';
import type { ReminderDocument } from './document';
import { caseReportParagraph, riskAreaParagraph } from './opening';
import { numberedPoints } from './points';

/** "哈市疾病预防控制中心紧急提醒": the title names the issuer, shortened when the page shortens it. */
export const reminderTitle = (doc: ReminderDocument) => `${doc.issuerShortName ?? doc.issuer}紧急提醒`;

/**
 * Renders a parsed document as printed: the title, the opening (risk-area changes, then cases reported
 * elsewhere), the strategy sentence, the numbered points and the phone directory, paragraphs separated by a
 * blank line. Pure, so the API, the CLI and the golden tests produce the same text from the same records.
 */
export function renderReminder(doc: ReminderDocument): string {
  const p = punctuation(doc.style.punctuation);
  const opening = [riskAreaParagraph(doc.riskAreaChanges, p), caseReportParagraph(doc.caseReports, p)].filter(
    (paragraph): paragraph is string => paragraph !== undefined,
  );
  return [
    reminderTitle(doc),
    ...opening,
    doc.fixedText.lead,
    ...numberedPoints(doc, p),
    ...directoryParagraphs(doc.directory),
  ].join('\n\n');
}
