import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { officialLayout } from './official-layout';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A published text as a Word document in the layout of an official notice (`officialLayout`): the title
 * centred, the body as 仿宋 paragraphs with a two-character first-line indent, the signature lines (issuer and
 * date) right-aligned; a `note` (a correction's 更正说明) below them.
 */
export async function textToDocx(text: string, opts: { signatureLines?: number; note?: string | null } = {}): Promise<Buffer> {
  const { title, body, signature } = officialLayout(text, opts.signatureLines ?? 0);
  const run = (t: string, size: number, bold = false) =>
    new TextRun({ text: t, size, bold, font: { eastAsia: '仿宋', ascii: 'Times New Roman' } });
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(title, 36, true)] }),
    ...body.map(
      (b) =>
        new Paragraph({
          indent: { firstLine: 640 },
          spacing: { line: 480 },
          children: b
            .split('\n')
            .map((line, j) => new TextRun({ text: line, break: j ? 1 : 0, size: 32, font: { eastAsia: '仿宋' } })),
        }),
    ),
    ...signature.map((line) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(line, 32)] })),
    ...(opts.note ? [new Paragraph({ spacing: { before: 480 }, children: [run(opts.note, 28)] })] : []),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
