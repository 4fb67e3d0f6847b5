/**
 * An official text's parts as the Word file and the console's print view lay them out: the first paragraph is
 * the title, the last `signatureLines` LINES are the signature (issuer, date: a template may write them as one
 * paragraph of two lines or as two paragraphs), everything between is body paragraphs. Paragraphs are the
 * text's blank-line-separated blocks; a body paragraph may hold line breaks.
 */
export function officialLayout(text: string, signatureLines = 0): { title: string; body: string[]; signature: string[] } {
  const blocks = text
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  const [title = '', ...body] = blocks;
  const signature: string[] = [];
  while (signature.length < signatureLines && body.length) {
    const lines = (body.pop() as string).split('\n');
    const take = Math.min(lines.length, signatureLines - signature.length);
    signature.unshift(...lines.slice(lines.length - take));
    if (take < lines.length) body.push(lines.slice(0, lines.length - take).join('\n'));
  }
  return { title, body, signature };
}

/** The line a correction carries below its text (更正说明), in the Word file and the print view alike. */
export const correctionNote = (v: { correctsVersion: number | null; correctionReason: string | null }) =>
  v.correctionReason
    ? `更正说明：${v.correctsVersion === null ? '' : `本版更正第${v.correctsVersion}版，`}${v.correctionReason}`
    : null;
