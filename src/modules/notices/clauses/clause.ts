import type { Punctuation } from '../../../lib/zh-words';
import type { AreaChange } from '../../risk/area-spec';

/** What every clause is given beside the document: the page's punctuation, level names and midnight word. */
export interface NoticeEnv {
  readonly p: Punctuation;
  readonly levels: Readonly<Record<AreaChange['level'], string>>;
  /** How 00:00 is said: 0时 of its day, or 24时 of the day before. */
  readonly midnight: '0' | '24';
}

/**
 * A piece of a notice's text: `new` starts a paragraph, `continue` runs on in the paragraph before (the opening
 * and the first start time are one sentence in seed 004).
 */
export interface Piece {
  readonly text: string;
  readonly join: 'new' | 'continue';
}

export const newParagraph = (text: string): Piece => ({ text, join: 'new' });
export const runOn = (text: string): Piece => ({ text, join: 'continue' });
