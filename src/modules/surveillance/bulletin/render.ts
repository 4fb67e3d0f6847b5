import type { BulletinDocument } from './document';
import { punctuation } from './rules';
import { channels2022 } from './templates/channels-2022';
import { daily2021 } from './templates/daily-2021';
import { pressPerKind2022 } from './templates/press-per-kind-2022';
import { pressSummary2022 } from './templates/press-summary-2022';
import type { BulletinTemplate } from './templates/template';

const TEMPLATES = {
  '2021-daily': daily2021,
  '2022-channels': channels2022,
  '2022-press-summary': pressSummary2022,
  '2022-press-per-kind': pressPerKind2022,
} satisfies Record<string, BulletinTemplate>;

/** The layouts a bulletin can be printed in, named by year and shape; listed for contracts and the CLI. */
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
export type TemplateName = keyof typeof TEMPLATES;

/**
 * Renders a parsed document in one layout: paragraphs separated by a blank line, as printed. Pure, so the
 * API, the CLI and the golden tests produce the same text from the same records.
 */
export function renderBulletin(template: TemplateName, doc: BulletinDocument): string {
  const { defaults, paragraphs } = TEMPLATES[template];
  const ctx = {
    p: punctuation(doc.style.punctuation ?? defaults.punctuation),
    hourRange: doc.style.hourRange ?? defaults.hourRange,
  };
  return paragraphs(doc, ctx).join('\n\n');
}
