import type { Clause } from './clauses/clause';
import { paragraphsOf } from './clauses/clause';
import { statesOneCase } from './clauses/figures';
import type { BulletinDocument } from './document';
import { CLAUSES, type Layout } from './layout';
import { LAYOUT_NAMES, LAYOUTS } from './layout-files';
import { punctuation } from './rules';

/** The shipped layouts' names (layouts/*.json), the seeds' four first; the API and the CLI accept these. */
export const TEMPLATE_NAMES = LAYOUT_NAMES;
/** A shipped layout's name (the API's `template`). */
export type TemplateName = string;

/** The shipped layout of that name, or an error listing the names there are. */
export function layoutNamed(name: TemplateName): Layout {
  const layout = LAYOUTS.get(name);
  if (!layout) throw new Error(`no layout named ${name}: ${LAYOUT_NAMES.join(', ')}`);
  return layout;
}

/**
 * Renders a parsed document in a layout (a shipped one by name, or one parsed from a file): each clause in turn,
 * paragraphs separated by a blank line, as printed. Pure, so the API, the CLI and the golden tests produce the same
 * text from the same records. The document's `style` overrides the layout's typography.
 */
export function renderBulletin(layout: TemplateName | Layout, doc: BulletinDocument): string {
  const l = typeof layout === 'string' ? layoutNamed(layout) : layout;
  const figures = l.clauses.find((c) => c.clause === 'figures');
  const ctx = {
    p: punctuation(doc.style.punctuation ?? l.typography.punctuation),
    hourRange: doc.style.hourRange ?? l.typography.hourRange,
    oneCaseStated: figures ? statesOneCase(doc, figures.options as Parameters<typeof statesOneCase>[1]) : false,
  };
  return l.clauses.flatMap((c) => paragraphsOf((CLAUSES[c.clause] as Clause).render(doc, c.options as never, ctx))).join('\n\n');
}

/**
 * Whether a layout prints a signature (the Word file then sets its two last lines apart). A stored bulletin may
 * name a layout since removed: it is then treated as unsigned rather than refused.
 */
export const isSigned = (name: TemplateName) => LAYOUTS.get(name)?.clauses.some((c) => c.clause === 'signature') ?? false;
