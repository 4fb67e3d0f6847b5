import type { BulletinDocument } from '../document';
import type { HourRangeStyle, Punctuation } from '../rules';

/** Typography resolved for one rendering: the template's defaults overridden by the document's style. */
export interface RenderContext {
  readonly p: Punctuation;
  readonly hourRange: HourRangeStyle;
}

/** A named bulletin layout: the typography its page used, and how it arranges a document into paragraphs. */
export interface BulletinTemplate {
  readonly defaults: { readonly punctuation: 'fullwidth' | 'halfwidth'; readonly hourRange: HourRangeStyle };
  /** Paragraphs in print order; the renderer separates them with a blank line, as the pages do. */
  paragraphs(doc: BulletinDocument, ctx: RenderContext): string[];
}
