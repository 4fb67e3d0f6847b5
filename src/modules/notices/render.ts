import { punctuation } from '../../lib/zh-words';
import { changes } from './clauses/changes';
import type { NoticeEnv, Piece } from './clauses/clause';
import { signature, unchanged } from './clauses/closing';
import { opening } from './clauses/opening';
import { title } from './clauses/title';
import type { NoticeDocument } from './document';
import type { ClauseName, LayoutClause, NoticeLayout } from './layout';
import { defaultLayoutOf, noticeLayout } from './layout-files';
import { editionOf, LEVEL_NAMES, levelStyleOf } from './rules';

/** A clause family's renderer: the pieces it prints for a document. */
type Clause<K extends ClauseName> = (
  doc: NoticeDocument,
  options: Extract<LayoutClause, { clause: K }>,
  env: NoticeEnv,
) => Piece[];

const CLAUSES: { [K in ClauseName]: Clause<K> } = { title, opening, changes, unchanged, signature };

/** A notice as laid out: the title, the paragraphs of the text, and the signature lines (issuer, date). */
export interface ComposedNotice {
  title: string;
  body: string[];
  signature: string[];
}

/** Pieces to paragraphs: a `continue` piece runs on at the end of the paragraph before it. */
function paragraphs(pieces: readonly Piece[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    if (piece.join === 'continue' && out.length) out[out.length - 1] += piece.text;
    else out.push(piece.text);
  }
  return out;
}

/**
 * Composes a parsed document by a layout: each clause in the layout's order. Pure, so the API, the CLI, the
 * console's live preview and the golden tests produce the same text from the same records and layout.
 */
export function composeNotice(doc: NoticeDocument, layout: NoticeLayout): ComposedNotice {
  const style = doc.levelNames ?? (layout.levelNames === 'by-edition' ? levelStyleOf(editionOf(doc)) : layout.levelNames);
  const env: NoticeEnv = { p: punctuation(layout.punctuation), levels: LEVEL_NAMES[style], midnight: layout.midnight };
  // TypeScript cannot pair a union member with its own entry of CLAUSES; the discriminant does at run time.
  const run = (c: LayoutClause) => (CLAUSES[c.clause] as Clause<ClauseName>)(doc, c as never, env);
  const signed = layout.clauses.filter((c) => c.clause === 'signature');
  const [head = '', ...body] = paragraphs(layout.clauses.filter((c) => c.clause !== 'signature').flatMap(run));
  return { title: head, body, signature: signed.flatMap(run).map((p) => p.text) };
}

/** The layout a document is printed in: the one named (the CLI's `--layout`), its own, or its edition's. */
export const layoutNameOf = (doc: NoticeDocument, name?: string) => name ?? doc.layout ?? defaultLayoutOf(editionOf(doc));

/** The notice's full text (paragraphs separated by a blank line) and how many last lines are the signature. */
export function renderNotice(doc: NoticeDocument, layoutName?: string): { text: string; signatureLines: number } {
  const n = composeNotice(doc, noticeLayout(layoutNameOf(doc, layoutName)));
  return { text: [n.title, ...n.body, ...n.signature].join('\n\n'), signatureLines: n.signature.length };
}
