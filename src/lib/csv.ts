/**
 * A CSV reader for the import pipeline (RFC 4180: quoted fields, doubled quotes, CRLF or LF), run inside the
 * spreadsheet reader's worker thread like the .xlsx path. Labs' instruments export UTF-8 (with or without a BOM)
 * or, from Chinese Excel, GB18030: a file that is not valid UTF-8 is read as GB18030.
 */

/** The text of a CSV file: UTF-8 (BOM dropped) when valid, else GB18030 (what 简体中文 Excel saves as CSV). */
export function decodeCsv(buf: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    text = new TextDecoder('gb18030').decode(buf);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** What a field-level limit refuses: the 1-based row and column of the field. */
export interface CsvLimitHit {
  kind: 'too_wide' | 'cell_too_long';
  line: number;
  col: number;
}

/**
 * Yields the records of `text` with their 1-based line (record) number, fields as written (not trimmed). Stops
 * at the first field past `maxColumns` or longer than `maxCellChars` (a thrown CsvLimitHit), so a hostile file
 * costs no more than the limit. A quote left open runs to the end of the file, as spreadsheet programs read it.
 */
export function* csvRecords(
  text: string,
  limits: { maxColumns: number; maxCellChars: number },
): Generator<{ line: number; cells: string[] }> {
  let line = 1;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const push = () => {
    if (field.length > limits.maxCellChars) throw { kind: 'cell_too_long', line, col: cells.length + 1 } satisfies CsvLimitHit;
    if (cells.length >= limits.maxColumns && field.trim() !== '')
      throw { kind: 'too_wide', line, col: cells.length + 1 } satisfies CsvLimitHit;
    cells.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      if (field.length > limits.maxCellChars) throw { kind: 'cell_too_long', line, col: cells.length + 1 } satisfies CsvLimitHit;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') push();
    else if (c === '\n' || c === '\r') {
      push();
      yield { line, cells };
      cells = [];
      line++;
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += c;
      if (field.length > limits.maxCellChars) throw { kind: 'cell_too_long', line, col: cells.length + 1 } satisfies CsvLimitHit;
    }
    i++;
  }
  if (field !== '' || cells.length) {
    push();
    yield { line, cells };
  }
}
