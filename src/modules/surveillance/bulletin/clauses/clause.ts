import type { z } from 'zod';
import type { BulletinDocument } from '../document';
import type { HourRangeStyle, Punctuation } from '../rules';

/** What every clause of one rendering shares: the layout's typography and what an earlier clause already said. */
export interface RenderContext {
  readonly p: Punctuation;
  readonly hourRange: HourRangeStyle;
  /**
   * The figures stated the day's only local positive in one sentence (报告1例…，系…，为…发现。), so the case list
   * does not repeat its origin and channel.
   */
  readonly oneCaseStated: boolean;
}

/**
 * A clause: a named piece of wording with its options. `options` is the zod schema of the options a layout file
 * may set (strict, so a misspelt option is refused by name; defaults filled in); `render` is pure and returns the
 * paragraphs it contributes, none when the document has nothing for it.
 */
export interface Clause<S extends z.ZodObject = z.ZodObject> {
  readonly options: S;
  render(doc: BulletinDocument, options: z.infer<S>, ctx: RenderContext): string | string[];
}

/** Declares a clause, inferring the type of its options from its schema. */
export const defineClause = <S extends z.ZodObject>(clause: Clause<S>): Clause<S> => clause;

/** The paragraphs of a clause's result, whether it returned one or several. */
export const paragraphsOf = (result: string | string[]) => (typeof result === 'string' ? (result ? [result] : []) : result);
