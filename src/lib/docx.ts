import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A published text as a Word document in the layout of an official notice: the first paragraph as a centred
 * title, the rest as 仿宋 body paragraphs with a two-character first-line indent, a trailing signature block
 * (issuer and date) right-aligned. Paragraphs are the text's blank-line-separated blocks.
 */
export async function textToDocx(text: string, opts: { signatureLines?: number } = {}): Promise<Buffer> {
  const blocks = text
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  const sign = opts.signatureLines ?? 0;
  const run = (t: string, size: number, bold = false) =>
    new TextRun({ text: t, size, bold, font: { eastAsia: '仿宋', ascii: 'Times New Roman' } });
  const children = blocks.map((b, i) => {
    if (i === 0) return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(b, 36, true)] });
    if (i >= blocks.length - sign) return new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(b, 32)] });
    return new Paragraph({
      indent: { firstLine: 640 },
      spacing: { line: 480 },
      children: b
        .split('\n')
        .map((line, j) => new TextRun({ text: line, break: j ? 1 : 0, size: 32, font: { eastAsia: '仿宋' } })),
    });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
